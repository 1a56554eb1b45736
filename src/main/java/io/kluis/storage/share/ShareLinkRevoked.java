package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import java.util.UUID;

/** An owner revoked a share link (STO-2): from now on it looks like a link that never existed. */
public record ShareLinkRevoked(AccountId account, UUID share) implements Auditable {

	@Override
	public String auditCode() {
		return "storage.share.revoked";
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
		return Map.of("share", share.toString());
	}
}
