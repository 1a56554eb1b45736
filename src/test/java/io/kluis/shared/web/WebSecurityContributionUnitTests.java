package io.kluis.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class WebSecurityContributionUnitTests {

	@Test
	void aContributionKeepsWhatItDeclares() {
		var contribution = WebSecurityContribution.builder("billing")
			.publicPages("/pricing")
			.publicEndpoint(HttpMethod.POST, "/billing/webhooks/mollie")
			.csrfExemption(HttpMethod.POST, "/billing/return", "the provider's signature authorises it")
			.httpMethods("report")
			.appPasswordArea("files", "/dav", "/dav/**")
			.build();

		assertThat(contribution.publicPages()).containsExactly("/pricing");
		assertThat(contribution.publicEndpoints()).extracting(Object::toString).containsExactly("POST /billing/webhooks/mollie");
		assertThat(contribution.csrfExemptions()).singleElement()
			.satisfies(e -> assertThat(e.reason()).contains("signature"));
		assertThat(contribution.httpMethods()).containsExactly("REPORT");
		assertThat(contribution.appPasswordAreas()).singleElement()
			.satisfies(a -> assertThat(a.patterns()).containsExactly("/dav", "/dav/**"));
	}

	@Test
	void aCsrfExemptionWithoutAReasonIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> WebSecurityContribution.builder("billing")
			.csrfExemption(HttpMethod.POST, "/billing/return", " "));
	}

	@Test
	void aPathThatIsNotAPatternIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebSecurityContribution.builder("billing").publicPages("pricing").build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebSecurityContribution.builder("billing").publicEndpoint(HttpMethod.POST, "hook"));
	}

	@Test
	void aMethodThatIsNoTokenIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebSecurityContribution.builder("storage").httpMethods("PROP FIND").build());
	}

	@Test
	void aModuleNamesItsMessageBundles() {
		assertThat(MessageBundles.of("storage", "i18n/storage").basenames()).containsExactly("i18n/storage");
		assertThatIllegalArgumentException().isThrownBy(() -> MessageBundles.of("storage"));
	}
}
