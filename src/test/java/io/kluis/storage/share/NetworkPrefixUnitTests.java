package io.kluis.storage.share;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NetworkPrefixUnitTests {

	@Test
	@DisplayName("STO-2: the access log keeps an IPv4 address as its /24 and an IPv6 address as its /48, never the full address")
	void truncates() {
		assertThat(NetworkPrefix.of("198.51.100.77")).isEqualTo("198.51.100.0/24");
		assertThat(NetworkPrefix.of("2001:db8:abcd:12:34::1")).isEqualTo("2001:db8:abcd::/48");
		assertThat(NetworkPrefix.of("[2001:db8:abcd:12::1]")).isEqualTo("2001:db8:abcd::/48");
		assertThat(NetworkPrefix.of("::ffff:203.0.113.9")).isEqualTo("203.0.113.0/24");
		assertThat(NetworkPrefix.of("fe80::1%eth0")).isEqualTo("fe80::/48");
	}

	@Test
	@DisplayName("Anything but a literal address is 'unknown', and no name is ever looked up")
	void unknown() {
		assertThat(NetworkPrefix.of(null)).isEqualTo("unknown");
		assertThat(NetworkPrefix.of("example.org")).isEqualTo("unknown");
		assertThat(NetworkPrefix.of("300.1.2.3")).isEqualTo("unknown");
		assertThat(NetworkPrefix.of("")).isEqualTo("unknown");
	}
}
