package io.kluis.storage.breakglass;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What happened to a break-glass request, for the audit trail: the customer is the subject, the staff
 * member (or the system, for an expiry) the actor; the details are ids and the period, never the
 * reason (free text that may describe the customer; it stays sealed in the request).
 */
public sealed interface BreakGlassEvent extends Auditable {

	UUID request();

	AccountId customer();

	UUID space();

	@Override
	default @Nullable AccountId subject() {
		return customer();
	}

	@Override
	default Map<String, String> auditDetails() {
		var details = new LinkedHashMap<String, String>();
		details.put("request", request().toString());
		details.put("space", space().toString());
		return details;
	}

	/** An administrator asked for access. */
	record BreakGlassRequested(UUID request, AccountId customer, UUID space, AccountId actor, long hours)
			implements BreakGlassEvent {

		@Override
		public String auditCode() {
			return "storage.break-glass.requested";
		}

		@Override
		public Map<String, String> auditDetails() {
			var details = BreakGlassEvent.super.auditDetails();
			details.put("hours", Long.toString(hours));
			return details;
		}
	}

	/** A second staff member approved; access until the period ends. */
	record BreakGlassApproved(UUID request, AccountId customer, UUID space, AccountId actor, String until)
			implements BreakGlassEvent {

		@Override
		public String auditCode() {
			return "storage.break-glass.approved";
		}

		@Override
		public Map<String, String> auditDetails() {
			var details = BreakGlassEvent.super.auditDetails();
			details.put("until", until);
			return details;
		}
	}

	/** Declined by a second staff member, or withdrawn by the requester. */
	record BreakGlassDeclined(UUID request, AccountId customer, UUID space, AccountId actor)
			implements BreakGlassEvent {

		@Override
		public String auditCode() {
			return "storage.break-glass.declined";
		}
	}

	/** Access ended before its period did. */
	record BreakGlassRevoked(UUID request, AccountId customer, UUID space, AccountId actor)
			implements BreakGlassEvent {

		@Override
		public String auditCode() {
			return "storage.break-glass.revoked";
		}
	}

	/** The period ended, or nobody decided in time; recorded by the system. */
	record BreakGlassExpired(UUID request, AccountId customer, UUID space, String was) implements BreakGlassEvent {

		@Override
		public @Nullable AccountId actor() {
			return null;
		}

		@Override
		public String auditCode() {
			return "storage.break-glass.expired";
		}

		@Override
		public Map<String, String> auditDetails() {
			var details = BreakGlassEvent.super.auditDetails();
			details.put("was", was);
			return details;
		}
	}
}
