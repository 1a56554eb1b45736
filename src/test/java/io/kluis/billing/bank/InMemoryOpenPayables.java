package io.kluis.billing.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Open payables in memory, as invoicing will provide them: what a test expects to be paid and what was recorded. */
public final class InMemoryOpenPayables implements OpenPayables {

	public record Recorded(String kind, String reference, BigDecimal amount, LocalDate bookedOn, String bankEntry) {
	}

	public final Map<String, BigDecimal> open = new LinkedHashMap<>();

	public final List<Recorded> recorded = new ArrayList<>();

	public synchronized InMemoryOpenPayables with(String reference, String amountOpen) {
		open.put(reference, new BigDecimal(amountOpen));
		return this;
	}

	@Override
	public synchronized Optional<Payable> findByReference(String reference) {
		return Optional.ofNullable(open.get(reference)).map(amount -> new Payable(reference, amount));
	}

	@Override
	public synchronized void markPaid(String reference, BigDecimal amount, LocalDate bookedOn, String bankEntry) {
		open.remove(reference);
		recorded.add(new Recorded("paid", reference, amount, bookedOn, bankEntry));
	}

	@Override
	public synchronized void recordPartial(String reference, BigDecimal amount, LocalDate bookedOn, String bankEntry) {
		open.computeIfPresent(reference, (r, a) -> a.subtract(amount));
		recorded.add(new Recorded("partial", reference, amount, bookedOn, bankEntry));
	}
}
