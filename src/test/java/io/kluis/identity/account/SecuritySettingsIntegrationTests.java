package io.kluis.identity.account;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.identity.CurrentAccount;
import io.kluis.identity.Role;
import io.kluis.identity.security.Authentications;
import io.kluis.shared.AccountId;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@KluisIntegrationTest
@AutoConfigureMockMvc
class SecuritySettingsIntegrationTests {

	@Autowired
	SecuritySettings settings;

	@Autowired
	MockMvc mvc;

	static final AccountId ADMIN = AccountId.random();

	@AfterEach
	void restoreDefaults() {
		asAdmin(() -> settings.changeMfa(new SecuritySettings.Mfa(true, false), ADMIN));
	}

	static void asAdmin(Runnable action) {
		var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
		context.setAuthentication(Authentications.full(new CurrentAccount(ADMIN, Set.of(Role.STAFF, Role.ADMIN), true)));
		org.springframework.security.core.context.SecurityContextHolder.setContext(context);
		try {
			action.run();
		}
		finally {
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
		}
	}

	@Test
	@DisplayName("ACC-3: staff without a second factor can reach only the set-up page by default")
	void staffWithoutMfaAreSentToSetUpTotp() throws Exception {
		var staff = new CurrentAccount(AccountId.random(), Set.of(Role.STAFF, Role.SUPPORT), false);
		mvc.perform(get("/admin/customers").with(authentication(Authentications.full(staff))))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/panel/security/totp?required"));
	}

	@Test
	@DisplayName("ACC-3: an administrator can require a second factor for customers too")
	void administratorsCanRequireMfaForCustomers() throws Exception {
		var customer = new CurrentAccount(AccountId.random(), Set.of(Role.CUSTOMER), false);
		asAdmin(() -> settings.changeMfa(new SecuritySettings.Mfa(true, true), ADMIN));

		mvc.perform(get("/panel/my-data").with(authentication(Authentications.full(customer))))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/panel/security/totp?required"));
	}

	@Test
	void onlyAdministratorsChangeTheSettings() {
		var support = new CurrentAccount(AccountId.random(), Set.of(Role.STAFF, Role.SUPPORT), true);
		var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
		context.setAuthentication(Authentications.full(support));
		org.springframework.security.core.context.SecurityContextHolder.setContext(context);
		try {
			org.assertj.core.api.Assertions
				.assertThatThrownBy(() -> settings.changeMfa(new SecuritySettings.Mfa(false, false), support.id()))
				.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
		}
		finally {
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
		}
	}
}
