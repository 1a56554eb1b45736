package io.kluis.privacy.disclosures;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.privacy.Disclosure;
import io.kluis.privacy.DisclosureId;
import io.kluis.privacy.Disclosures;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.shared.web.ConflictException;
import java.time.Clock;
import java.util.Locale;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records disclosures (SHR-1) after checking them against the register ({@link DisclosureRules}), in
 * the caller's transaction: if the hand-off rolls back, so does its record, and the audit entry is
 * written only once both committed.
 */
@Service
class DisclosureLedger implements Disclosures {

	static final String REFERENCE_FIELD = "privacy.disclosures.reference";

	private final DisclosureRecords records;

	private final ProcessingRegister register;

	private final PersonalDataCipher cipher;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DisclosureLedger(DisclosureRecords records, ProcessingRegister register, PersonalDataCipher cipher,
			ApplicationEventPublisher events, Clock clock) {
		this.records = records;
		this.register = register;
		this.cipher = cipher;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional
	public DisclosureId record(Disclosure disclosure) {
		var checked = DisclosureRules.check(disclosure, register);
		if (checked.reference() != null && cipher.isDestroyed(disclosure.subject())) {
			throw new ConflictException("The subject's data was erased: a reference can no longer be kept for them.");
		}
		var categories = new TreeSet<>(disclosure.categories()).stream().toList();
		var row = new RecordedDisclosure(DisclosureId.random(), disclosure.subject(), checked.recipient().id(),
				categories, checked.purpose().id(), checked.legalBasis(), checked.legalGround(),
				cipher.sealNullable(disclosure.subject(), REFERENCE_FIELD, checked.reference()), disclosure.recordedBy(),
				clock.instant());
		records.insert(row);
		events.publishEvent(new DisclosureRecorded(row.id().toString(), row.subject(), row.recordedBy(), row.recipient(),
				checked.recipient().role().name().toLowerCase(Locale.ROOT), String.join(",", categories), row.purpose(),
				DisclosureRules.spelled(row.legalBasis())));
		return row.id();
	}
}
