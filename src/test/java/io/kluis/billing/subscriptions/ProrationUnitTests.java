package io.kluis.billing.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProrationUnitTests {

	static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

	static final Instant END = Instant.parse("2026-04-01T00:00:00Z"); // 31 days

	@Test
	@DisplayName("BIL-1: an upgrade halfway through a term costs half the price difference, exactly to the cent")
	void upgradeHalfwayCostsHalfTheDifference() {
		Instant halfway = START.plus(Duration.ofHours(31 * 12));
		assertThat(Proration.of(new BigDecimal("4.99"), new BigDecimal("9.99"), START, END, halfway))
			.isEqualByComparingTo("2.50");
	}

	@Test
	@DisplayName("BIL-1: a downgrade is a credit, the product is rounded once, half up, to cents")
	void downgradeIsACreditRoundedOnce() {
		// 10 of 31 days left: (2.00 - 9.99) × 10/31 = -2.5774… → -2.58
		Instant tenDaysLeft = END.minus(Duration.ofDays(10));
		BigDecimal credit = Proration.of(new BigDecimal("9.99"), new BigDecimal("2.00"), START, END, tenDaysLeft);
		assertThat(credit).isEqualByComparingTo("-2.58");
		assertThat(credit.scale()).isEqualTo(2);
	}

	@Test
	void atTheStartTheWholeDifferenceAtTheEndNothing() {
		assertThat(Proration.of(new BigDecimal("1.00"), new BigDecimal("3.00"), START, END, START)).isEqualByComparingTo("2.00");
		assertThat(Proration.of(new BigDecimal("1.00"), new BigDecimal("3.00"), START, END, END)).isEqualByComparingTo("0.00");
		assertThat(Proration.of(new BigDecimal("1.00"), new BigDecimal("3.00"), START, END, END.plusSeconds(5)))
			.isEqualByComparingTo("0.00");
	}

	@Test
	void anEmptyTermIsRefused() {
		assertThatThrownBy(() -> Proration.of(BigDecimal.ONE, BigDecimal.TEN, START, START, START))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
