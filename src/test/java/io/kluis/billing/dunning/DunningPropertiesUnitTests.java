package io.kluis.billing.dunning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.billing.SubscriptionRef;
import io.kluis.billing.settlement.SettlementsAccess;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DunningPropertiesUnitTests {

	static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	@Test
	@DisplayName("The dunning schedule must run forwards and name at least one collection agency")
	void scheduleIsChecked() {
		var defaults = new DunningProperties(true, 7, 14, 21, ZONE, List.of("collection-agency"));
		assertThat(defaults.suspensionDays()).isEqualTo(21);
		assertThatThrownBy(() -> new DunningProperties(true, 14, 7, 21, ZONE, List.of("collection-agency")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("first-reminder-days");
		assertThatThrownBy(() -> new DunningProperties(true, 7, 14, 10, ZONE, List.of("collection-agency")))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new DunningProperties(true, 7, 14, 21, ZONE, List.of()))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	@DisplayName("An invoice line's source reference names its subscription as subscription:<id> or the bare id")
	void subscriptionOfALine() {
		UUID id = UUID.randomUUID();
		assertThat(SettlementsAccess.subscription("subscription:" + id)).contains(new SubscriptionRef(id));
		assertThat(SettlementsAccess.subscription(id.toString())).contains(new SubscriptionRef(id));
		assertThat(SettlementsAccess.subscription("order:" + id)).isEmpty();
		assertThat(SettlementsAccess.subscription(null)).isEmpty();
	}
}
