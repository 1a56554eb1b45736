package io.kluis.privacy.requests;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What happens to a request, as audited events (recorded after commit by the audit module). Details
 * hold the request id and codes, never the requester's address, name or texts. {@code subject} is
 * the account behind the address, when there is one; {@code actor} the staff member, or {@code null}
 * for the requester and the system.
 */
public final class RequestEvents {

	private RequestEvents() {
	}

	/** Common shape: the request id is in every entry's details. */
	public interface RequestEvent extends Auditable {

		RequestId request();

		default Map<String, String> extra() {
			return Map.of();
		}

		@Override
		default Map<String, String> auditDetails() {
			var details = new LinkedHashMap<String, String>();
			details.put("request", request().toString());
			details.putAll(extra());
			return details;
		}
	}

	public record RequestConfirmed(RequestId request, @Nullable AccountId subject, RequestKind kind) implements RequestEvent {
		public String auditCode() { return "privacy.request.confirmed"; }
		public @Nullable AccountId actor() { return null; }
		public Map<String, String> extra() { return Map.of("kind", kind.name()); }
	}

	/** Staff entered a request that arrived by email, letter or phone; {@code arrivedOn} is when its clock started. */
	public record RequestEntered(RequestId request, @Nullable AccountId subject, AccountId actor, RequestKind kind,
			RequestChannel channel, java.time.LocalDate arrivedOn) implements RequestEvent {
		public String auditCode() { return "privacy.request.entered"; }
		public Map<String, String> extra() {
			return Map.of("kind", kind.name(), "channel", channel.name(), "arrivedOn", arrivedOn.toString());
		}
	}

	public record RequestAnswered(RequestId request, @Nullable AccountId subject, AccountId actor) implements RequestEvent {
		public String auditCode() { return "privacy.request.answered"; }
	}

	public record RequestExtended(RequestId request, @Nullable AccountId subject, AccountId actor, int months)
			implements RequestEvent {
		public String auditCode() { return "privacy.request.extended"; }
		public Map<String, String> extra() { return Map.of("months", Integer.toString(months)); }
	}

	public record IdCopyRequested(RequestId request, @Nullable AccountId subject, AccountId actor) implements RequestEvent {
		public String auditCode() { return "privacy.request.id-copy.requested"; }
	}

	public record IdCopyUploaded(RequestId request, @Nullable AccountId subject, String contentType, long size)
			implements RequestEvent {
		public String auditCode() { return "privacy.request.id-copy.uploaded"; }
		public @Nullable AccountId actor() { return null; }
		public Map<String, String> extra() { return Map.of("contentType", contentType, "size", Long.toString(size)); }
	}

	/** {@code reason}: CHECKED, EXPIRED, REPLACED, CLOSED or ERASED (the requester's data was erased). */
	public record IdCopyDeleted(RequestId request, @Nullable AccountId subject, @Nullable AccountId actor, String reason)
			implements RequestEvent {
		public String auditCode() { return "privacy.request.id-copy.deleted"; }
		public Map<String, String> extra() { return Map.of("reason", reason); }
	}

	public record IdentityChecked(RequestId request, @Nullable AccountId subject, AccountId actor, IdentityCheck outcome)
			implements RequestEvent {
		public String auditCode() { return "privacy.request.identity.checked"; }
		public Map<String, String> extra() { return Map.of("outcome", outcome.name()); }
	}

	public record RequestFulfilled(RequestId request, @Nullable AccountId subject, AccountId actor, RequestKind kind)
			implements RequestEvent {
		public String auditCode() { return "privacy.request.fulfilled"; }
		public Map<String, String> extra() { return Map.of("kind", kind.name()); }
	}

	public record RequestClosed(RequestId request, @Nullable AccountId subject, AccountId actor) implements RequestEvent {
		public String auditCode() { return "privacy.request.closed"; }
	}

	public record DeadlineReminderSent(RequestId request, @Nullable AccountId subject, ReminderStage stage)
			implements RequestEvent {
		public String auditCode() { return "privacy.request.reminder.sent"; }
		public @Nullable AccountId actor() { return null; }
		public Map<String, String> extra() { return Map.of("stage", stage.name()); }
	}
}
