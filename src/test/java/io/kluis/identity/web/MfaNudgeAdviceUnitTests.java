package io.kluis.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.identity.CurrentAccount;
import io.kluis.identity.Role;
import io.kluis.identity.security.Authentications;
import io.kluis.shared.AccountId;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;

class MfaNudgeAdviceUnitTests {

	final MfaNudgeAdvice advice = new MfaNudgeAdvice();

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	@DisplayName("ACC-3: the panel nudges a logged-in user without a second factor")
	void usersWithoutMfaAreNudged() {
		logIn(false);
		assertThat(advice.mfaNudge(page("/panel"))).isTrue();
	}

	@Test
	@DisplayName("ACC-3: users with a second factor and visitors are not nudged")
	void othersAreNotNudged() {
		assertThat(advice.mfaNudge(page("/panel"))).as("anonymous").isFalse();
		logIn(true);
		assertThat(advice.mfaNudge(page("/panel"))).isFalse();
	}

	@Test
	@DisplayName("ACC-3: no nudge on the pages where the second factor is set up (staff are sent there anyway)")
	void noNudgeWhereTheSecondFactorIsSetUp() {
		logIn(false);
		assertThat(advice.mfaNudge(page("/panel/security"))).isFalse();
		assertThat(advice.mfaNudge(page("/panel/security/totp"))).isFalse();
		assertThat(advice.mfaNudge(page("/panel/securityx"))).isTrue();
	}

	private static MockHttpServletRequest page(String path) {
		return new MockHttpServletRequest("GET", path);
	}

	private static void logIn(boolean mfa) {
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(Authentications.full(new CurrentAccount(AccountId.random(), Set.of(Role.CUSTOMER), mfa)));
		SecurityContextHolder.setContext(context);
	}
}
