package io.kluis.privacy.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestEntryUnitTests {

	static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Test
	@DisplayName("RIG-7: what the officer enters never shows the requester's address, name or note in toString()")
	void anEntryHidesPersonalData() {
		var entry = new EnteringRequests.Entry(RequestKind.ERASURE, RequestChannel.LETTER, LocalDate.of(2026, 12, 4),
				"piet@example.org", "Piet Brief", "Wis alles over mij", Locale.ENGLISH);
		assertThat(entry.toString()).doesNotContain("piet", "Piet", "Wis").contains("LETTER", "ERASURE");
	}

	@Test
	@DisplayName("RIG-7: an entered request is open at once, unchecked, and due one period after its arrival; form requests "
			+ "cannot be entered")
	void anEnteredRequestIsOpenAndDueOnePeriodAfterArrival() {
		Instant arrived = LocalDate.of(2027, 1, 31).atStartOfDay(AMSTERDAM).toInstant();
		var request = DataSubjectRequest.entered(RequestKind.ACCESS, Locale.ENGLISH, RequestChannel.PHONE, arrived, AMSTERDAM,
				Period.ofMonths(1));
		assertThat(request.state()).isEqualTo(RequestState.OPEN);
		assertThat(request.identityCheck()).isEqualTo(IdentityCheck.NONE);
		assertThat(request.awaitsAddressConfirmation()).isTrue();
		assertThat(request.deadline().due()).isEqualTo(LocalDate.of(2027, 2, 28).atStartOfDay(AMSTERDAM).toInstant());
		request.markAddressConfirmed(null);
		assertThat(request.identityCheck()).isEqualTo(IdentityCheck.EMAIL_CONFIRMED);
		assertThat(request.awaitsAddressConfirmation()).isFalse();
		assertThatThrownBy(() -> DataSubjectRequest.entered(RequestKind.ACCESS, Locale.ENGLISH, RequestChannel.FORM, arrived,
				AMSTERDAM, Period.ofMonths(1))).isInstanceOf(IllegalArgumentException.class);
	}
}
