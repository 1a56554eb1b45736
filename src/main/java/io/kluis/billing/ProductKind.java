package io.kluis.billing;

/**
 * What a product is, and so which module provisions it through a {@link ProductProvisioner}: storage
 * sets the customer's quota; hosting, domain names and certificates belong to the modules that will
 * provision them.
 */
public enum ProductKind {
	STORAGE, HOSTING, DOMAIN, CERTIFICATE
}
