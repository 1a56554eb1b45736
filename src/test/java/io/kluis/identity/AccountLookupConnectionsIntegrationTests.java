package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.identity.account.Accounts;
import io.kluis.shared.EmailAddress;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Every WebDAV and API request looks its account up. A look-up that needed a second pooled
 * connection while holding the first (the roles and the data key were read inside the row callback)
 * let as many concurrent requests as the pool has connections wait for each other until the pool's
 * timeout, answering 500: rclone's default four transfers and eight checkers hit it with the test
 * pool of four. Here the pool has two connections (Flyway needs two at start-up) and the test holds
 * one: a look-up must succeed with the other.
 */
@KluisIntegrationTest
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=2",
		"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.connection-timeout=2000",
		"kluis.jobs.enabled=false" })
class AccountLookupConnectionsIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	DataSource dataSource;

	@Test
	@DisplayName("looking an account up (with its roles and data key) needs one database connection, so concurrent requests cannot exhaust the pool")
	void accountLookUpNeedsOneConnection() throws SQLException {
		var customer = TestAccounts.in(context).verified();
		try (Connection held = dataSource.getConnection()) {
			var found = accounts.findByEmail(EmailAddress.of(customer.email()));
			assertThat(found).hasValueSatisfying(a -> assertThat(a.id()).isEqualTo(customer.id()));
			assertThat(accounts.findById(customer.id())).isPresent();
		}
	}
}
