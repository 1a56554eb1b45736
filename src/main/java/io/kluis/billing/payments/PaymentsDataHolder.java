package io.kluis.billing.payments;

import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payments' personal data, two register categories:
 * <ul>
 * <li>{@code payment-details}: the account's customer at the payment provider and its mandate, with the
 * IBAN and mandate reference sealed. Erased with the account (retention: account closed, period 0).
 * <li>{@code payment-records}: the payments made (amount, status, what they paid, when). Part of the
 * fiscal record (art. 52 AWR): kept on erasure and deleted 7 years after the end of the fiscal year
 * they were made in; they hold no personal data beyond the account id.
 * </ul>
 */
@Component
class PaymentsDataHolder implements PersonalDataHolder {

	static final String DETAILS = "payment-details";

	static final String RECORDS = "payment-records";

	private final Mandates mandates;

	private final PaymentRecords payments;

	private final ProviderErasures erasures;

	PaymentsDataHolder(Mandates mandates, PaymentRecords payments, ProviderErasures erasures) {
		this.mandates = mandates;
		this.payments = payments;
		this.erasures = erasures;
	}

	@Override
	public String module() {
		return "billing";
	}

	@Override
	public String id() {
		return "billing.payments";
	}

	@Override
	public Set<String> categories() {
		return Set.of(DETAILS, RECORDS);
	}

	@Override
	public Map<String, String> personalColumns() {
		return Map.of("billing_payment_mandates.account_id", DETAILS,
				"billing_payment_mandates.iban_sealed", DETAILS,
				"billing_payment_mandates.mandate_reference_sealed", DETAILS,
				"billing_payment_mandates.provider_customer_id", DETAILS,
				"billing_payments.account_id", RECORDS);
	}

	@Override
	public Set<String> keptOnErasure() {
		return Set.of(RECORDS);
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		if (subject.account() == null) {
			return List.of();
		}
		List<Map<String, Object>> details = mandates.of(subject.account()).stream().map(m -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("provider", m.provider());
			row.put("providerCustomerId", m.customerId());
			row.put("mandateId", text(m.mandateId()));
			row.put("mandateStatus", text(m.status()));
			row.put("method", text(m.method()));
			row.put("iban", text(open(() -> mandates.openIban(m))));
			row.put("mandateReference", text(open(() -> mandates.openReference(m))));
			row.put("createdAt", m.createdAt().toString());
			return row;
		}).toList();
		List<Map<String, Object>> records = payments.of(subject.account()).stream().map(p -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("provider", p.provider());
			row.put("providerPaymentId", text(p.providerPaymentId()));
			row.put("amount", p.amount().plain());
			row.put("currency", EuroAmount.CURRENCY);
			row.put("status", p.status().apiName());
			row.put("pays", p.payableReference());
			row.put("createdAt", p.createdAt().toString());
			row.put("paidAt", p.paidAt() == null ? "" : p.paidAt().toString());
			return row;
		}).toList();
		return List.of(
				ExportedCategory.of(DETAILS, List.of("provider", "providerCustomerId", "mandateId", "mandateStatus", "method",
						"iban", "mandateReference", "createdAt"), details),
				ExportedCategory.of(RECORDS, List.of("provider", "providerPaymentId", "amount", "currency", "status", "pays",
						"createdAt", "paidAt"), records));
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		if (subject.account() == null) {
			return Erased.none();
		}
		// The provider's customer is deleted (its mandates with it) so no charge follows the erasure and the
		// processor keeps no IBAN for Kluis: queued here, called after this transaction committed, retried
		// until the provider confirms (ProviderErasures). A provider that is down never blocks the erasure.
		for (Mandates.Row row : mandates.of(subject.account())) {
			erasures.queue(row.provider(), row.customerId());
		}
		int removed = mandates.deleteFor(subject.account());
		int kept = payments.of(subject.account()).size();
		return new Erased(Map.of(DETAILS, removed), kept == 0 ? Map.of() : Map.of(RECORDS, kept));
	}

	/**
	 * {@code payment-details} has no period of its own (it goes with the account); {@code payment-records}
	 * go once 7 years have passed since the end of their fiscal year: the cutoff is "now minus 7 years",
	 * and a payment's fiscal year has ended before it when the payment was made before 1 January of the
	 * cutoff's year.
	 */
	@Override
	@Transactional
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		return switch (category) {
			case DETAILS -> 0;
			case RECORDS -> payments.deleteCreatedBefore(
					LocalDate.ofInstant(cutoff, ZoneOffset.UTC).withDayOfYear(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
					dryRun);
			default -> throw new IllegalArgumentException("not a category of billing's payments: " + category);
		};
	}

	private interface Opening {
		@Nullable String open();
	}

	private static @Nullable String open(Opening opening) {
		try {
			return opening.open();
		}
		catch (DataKeyDestroyedException e) {
			return null;
		}
	}

	private static String text(@Nullable String value) {
		return value == null ? "" : value;
	}
}
