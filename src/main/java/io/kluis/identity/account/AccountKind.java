package io.kluis.identity.account;

/** Customers register themselves; staff are created by an administrator (or the setup link). */
public enum AccountKind {
	CUSTOMER, STAFF
}
