package io.kluis.audit.internal;

import io.kluis.audit.AuditTrail;
import io.kluis.shared.Auditable;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Records every {@link Auditable} event any module publishes. As an application module listener it
 * runs after the publishing transaction commits (nothing is recorded for a rollback), asynchronously
 * in a transaction of its own, and through the persistent event publication registry: the
 * publication is stored with the publisher's transaction and marked complete only when the entry is
 * committed, so a crash in between leaves it to be republished on restart instead of lost.
 *
 * <p>An event whose code or details break the personal-data rules is still recorded, because the
 * fact that it happened matters: with its details replaced by {@code redacted=true}, or, when the
 * code itself is malformed, as {@value #REJECTED_CODE} naming the event type. Throwing instead would
 * leave a publication that fails again on every restart.
 */
@Component
class AuditableEventRecorder {

	static final String REJECTED_CODE = "audit.event.rejected";

	private static final Logger log = LoggerFactory.getLogger(AuditableEventRecorder.class);

	private final AuditTrail trail;

	AuditableEventRecorder(AuditTrail trail) {
		this.trail = trail;
	}

	@ApplicationModuleListener
	void on(Auditable event) {
		String code = event.auditCode();
		Map<String, String> details = event.auditDetails();
		try {
			PersonalDataGuard.check(code, details);
		}
		catch (DetailsRejectedException rejected) {
			String type = event.getClass().getName();
			log.warn("event=audit.event-redacted type={} reason=\"{}\"", type, rejected.getMessage());
			try {
				PersonalDataGuard.checkCode(code);
				details = Map.of("redacted", "true");
			}
			catch (DetailsRejectedException badCode) {
				code = REJECTED_CODE;
				details = Map.of("eventType", type);
			}
		}
		trail.record(code, event.actor(), event.subject(), details);
	}
}
