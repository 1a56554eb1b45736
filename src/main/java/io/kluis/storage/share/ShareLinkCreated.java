package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import java.util.UUID;

/** An owner created a share link (STO-2). Ids only: never the token, the password or a file name. */
public record ShareLinkCreated(AccountId account, UUID share, boolean encrypted) implements Auditable {

	@Override
	public String auditCode() {
		return "storage.share.created";
	}

	@Override
	public AccountId subject() {
		return account;
	}

	@Override
	public AccountId actor() {
		return account;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("share", share.toString(), "encrypted", Boolean.toString(encrypted));
	}
}
