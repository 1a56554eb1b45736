package io.kluis.hosting.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogLineParserUnitTests {

	@Test
	@DisplayName("HST-1: visitor addresses are stored in one canonical form (IPv6 per RFC 5952), parsed without DNS")
	void canonicalAddresses() throws MalformedLine {
		assertThat(LogLineParser.ip("2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
		assertThat(LogLineParser.ip("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
		assertThat(LogLineParser.ip("::1")).isEqualTo("::1");
		assertThat(LogLineParser.ip("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
		assertThat(LogLineParser.ip("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:3:4:5:6");
		assertThat(LogLineParser.ip("192.0.2.1")).isEqualTo("192.0.2.1");
		assertThatThrownBy(() -> LogLineParser.ip("example.com")).isInstanceOf(MalformedLine.class);
		assertThatThrownBy(() -> LogLineParser.ip("1.2.3")).isInstanceOf(MalformedLine.class);
		assertThatThrownBy(() -> LogLineParser.ip("abcd:efgh::1")).isInstanceOf(MalformedLine.class);
	}

	@Test
	@DisplayName("HST-1: of a referrer only the host is kept")
	void referrerHostOnly() {
		assertThat(LogLineParser.referrerHost("https://User@Search.Example:8443/q?name=jan")).isEqualTo("search.example");
		assertThat(LogLineParser.referrerHost("android-app://com.example")).isEqualTo("com.example");
		assertThat(LogLineParser.referrerHost("not a url")).isNull();
	}
}
