package io.kluis.shared;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardUnitTests {

	static MockEnvironment postgres() {
		return new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/kluis");
	}

	@Test
	@DisplayName("SEC-1: the prod profile refuses to start on the embedded H2 database")
	void refusesH2() {
		var env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/db/kluis")
			.withProperty("kluis.behind-tls-proxy", "true")
			.withProperty("server.forward-headers-strategy", "native");
		assertThatThrownBy(() -> new ProductionGuard(env).check()).hasMessageContaining("H2");
	}

	@Test
	@DisplayName("SEC-1: the prod profile refuses plain HTTP unless TLS is configured or a TLS proxy is declared")
	void refusesPlainHttp() {
		assertThatThrownBy(() -> new ProductionGuard(postgres()).check()).hasMessageContaining("plain HTTP");
		assertThatCode(() -> new ProductionGuard(postgres().withProperty("server.ssl.enabled", "true")).check())
			.doesNotThrowAnyException();
		assertThatCode(() -> new ProductionGuard(postgres().withProperty("kluis.behind-tls-proxy", "true")
			.withProperty("server.forward-headers-strategy", "native")).check()).doesNotThrowAnyException();
	}

	@Test
	void behindAProxyTheForwardedHeadersMustBeHonoured() {
		assertThatThrownBy(() -> new ProductionGuard(postgres().withProperty("kluis.behind-tls-proxy", "true"))
			.check()).hasMessageContaining("FORWARD_HEADERS");
	}
}
