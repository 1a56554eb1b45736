package io.kluis.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class BaseUrlUnitTests {

	@Test
	void linksArePrefixedWithTheBaseUrlWithoutDoubleSlashes() {
		var base = new BaseUrl("https://kluis.example/");

		assertThat(base.link("/verify?token=abc")).isEqualTo("https://kluis.example/verify?token=abc");
		assertThat(base.link("panel")).isEqualTo("https://kluis.example/panel");
		assertThat(base.host()).isEqualTo("kluis.example");
	}

	@Test
	void aBaseUrlWithAPathKeepsIt() {
		assertThat(new BaseUrl("https://hosting.example/kluis").link("/panel")).isEqualTo("https://hosting.example/kluis/panel");
	}

	@Test
	void linksToOtherSitesAreRefused() {
		var base = new BaseUrl("https://kluis.example");

		assertThatIllegalArgumentException().isThrownBy(() -> base.link("//evil.example/x"));
		assertThatIllegalArgumentException().isThrownBy(() -> base.link("https://evil.example/x"));
	}

	@Test
	void aRelativeBaseUrlIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BaseUrl("/kluis"));
	}
}
