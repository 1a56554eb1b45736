package io.kluis.storage.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContentOriginPropertiesUnitTests {

	static final URI PANEL = URI.create("https://panel.example.nl");

	@Test
	@DisplayName("A content origin on the panel's host, or without a host, stops the start naming the property")
	void theContentOriginMustBeAnotherHost() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new ContentOriginProperties(URI.create("https://panel.example.nl:8443"), Duration.ofMinutes(1)).check(PANEL))
			.withMessageContaining("kluis.storage.content-origin");
		assertThatIllegalStateException()
			.isThrownBy(() -> new ContentOriginProperties(URI.create("content.example.net"), Duration.ofMinutes(1)).check(PANEL))
			.withMessageContaining("kluis.storage.content-origin");
		new ContentOriginProperties(URI.create("https://content.example.net"), Duration.ofMinutes(1)).check(PANEL);
		new ContentOriginProperties(null, Duration.ofMinutes(1)).check(PANEL);
	}

	@Test
	@DisplayName("Requests are recognised as the content origin's by host and port, default ports included")
	void recognisesTheContentOrigin() {
		var properties = new ContentOriginProperties(URI.create("https://content.example.net/"), Duration.ofMinutes(1));
		assertThat(properties.isContentOrigin("CONTENT.example.net", 443)).isTrue();
		assertThat(properties.isContentOrigin("content.example.net", 8443)).isFalse();
		assertThat(properties.isContentOrigin("panel.example.nl", 443)).isFalse();
		assertThat(properties.origin()).isEqualTo("https://content.example.net");
	}
}
