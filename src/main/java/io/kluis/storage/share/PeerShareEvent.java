package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import java.util.UUID;

/** What happens to shares to other customers (STO-2), for the audit trail: ids only, never a name or an address. */
public sealed interface PeerShareEvent extends Auditable {

	AccountId owner();

	@Override
	default AccountId subject() {
		return owner();
	}

	@Override
	default AccountId actor() {
		return owner();
	}

	/** An owner shared a file or folder with another customer. */
	record PeerShareCreated(AccountId owner, UUID share, AccountId recipient, boolean encrypted) implements PeerShareEvent {

		@Override
		public String auditCode() {
			return "storage.peer-share.created";
		}

		@Override
		public Map<String, String> auditDetails() {
			return Map.of("share", share.toString(), "recipient", recipient.toString(), "encrypted",
					Boolean.toString(encrypted));
		}
	}

	/** An owner revoked a share to another customer: from now on the recipient gets 404. */
	record PeerShareRevoked(AccountId owner, UUID share, AccountId recipient) implements PeerShareEvent {

		@Override
		public String auditCode() {
			return "storage.peer-share.revoked";
		}

		@Override
		public Map<String, String> auditDetails() {
			return Map.of("share", share.toString(), "recipient", recipient.toString());
		}
	}
}
