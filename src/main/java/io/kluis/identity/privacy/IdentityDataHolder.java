package io.kluis.identity.privacy;

import static io.kluis.identity.privacy.IdentityCategories.CONTACT_EMAIL;
import static io.kluis.identity.privacy.IdentityCategories.CREDENTIALS;
import static io.kluis.identity.privacy.IdentityCategories.CUSTOMER_IDENTITY;
import static io.kluis.identity.privacy.IdentityCategories.LOGIN_PROTECTION;
import static io.kluis.identity.privacy.IdentityCategories.REGISTRATION_EVIDENCE;
import static io.kluis.identity.privacy.IdentityCategories.SESSIONS;
import static io.kluis.identity.privacy.IdentityCategories.UNVERIFIED_REGISTRATION;

import io.kluis.identity.account.AccountSessions;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.CredentialsWithdrawn;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity's personal data for the privacy engine: accounts, credentials, registration records,
 * sessions and login protection.
 *
 * <p>Erasure deletes the account row and everything that cascades from it (roles, recovery codes,
 * app passwords, mailed-link tokens) and ends every browser session. It does <em>not</em> destroy the
 * account's data key: other modules' data (queued mails, later files) is sealed under the same key,
 * and the rights engine destroys it once every holder has run (crypto-shredding), so that no holder
 * finds its data unreadable halfway through. Retention of unverified registrations does destroy it,
 * as nothing else runs for them.
 *
 * <p>The categories with trigger {@code ACCOUNT_CLOSED} (customer identity, contact email,
 * credentials, registration record) have nothing to expire: closing an account erases it at once,
 * well within the register's "up to 30 days after closure", so no closed account is left waiting
 * for its period to end.
 */
@Component
class IdentityDataHolder implements PersonalDataHolder {

	private final Accounts accounts;

	private final AccountSessions sessions;

	private final IdentityExport export;

	private final IdentityRetention retention;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	IdentityDataHolder(Accounts accounts, AccountSessions sessions, IdentityExport export, IdentityRetention retention,
			JdbcClient jdbc, ApplicationEventPublisher events) {
		this.events = events;
		this.accounts = accounts;
		this.sessions = sessions;
		this.export = export;
		this.retention = retention;
		this.jdbc = jdbc;
	}

	@Override
	public String module() {
		return "identity";
	}

	@Override
	public Set<String> categories() {
		return IdentityCategories.ALL;
	}

	@Override
	public Map<String, String> personalColumns() {
		return IdentityCategories.COLUMNS;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ExportedCategory> export(DataSubject subject) {
		return resolve(subject).flatMap(accounts::findById).map(export::export).orElse(List.of());
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		var resolved = resolve(subject);
		if (resolved.isEmpty()) {
			return Erased.none();
		}
		AccountId id = resolved.get();
		var removed = new TreeMap<String, Integer>();
		removed.put(SESSIONS, sessions.endAll(id, null));
		var row = jdbc.sql("select status, failed_logins, locked_at, registration_ip_sealed, terms_accepted_at "
				+ "from identity_accounts where id = ?")
			.param(id.value())
			.query((rs, i) -> new Row(rs.getString(1), rs.getInt(2) > 0 || rs.getTimestamp(3) != null,
					rs.getBytes(4) != null || rs.getTimestamp(5) != null))
			.optional();
		if (row.isEmpty()) {
			return new Erased(removed, Map.of());
		}
		int appPasswords = count("identity_app_passwords", id);
		int recoveryCodes = count("identity_recovery_codes", id);
		int tokens = count("identity_tokens", id);
		accounts.delete(id);
		events.publishEvent(new CredentialsWithdrawn(id));
		if ("UNVERIFIED".equals(row.get().status())) {
			removed.put(UNVERIFIED_REGISTRATION, 1);
		}
		else {
			removed.put(CUSTOMER_IDENTITY, 1);
			removed.put(CONTACT_EMAIL, 1);
			removed.put(REGISTRATION_EVIDENCE, row.get().registration() ? 1 : 0);
		}
		removed.put(CREDENTIALS, 1 + appPasswords + recoveryCodes + tokens);
		removed.put(LOGIN_PROTECTION, row.get().loginProtection() ? 1 : 0);
		return new Erased(removed, Map.of());
	}

	private record Row(String status, boolean loginProtection, boolean registration) {
	}

	@Override
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		switch (category) {
			case UNVERIFIED_REGISTRATION:
				return retention.unverifiedRegistrations(cutoff, dryRun);
			case SESSIONS:
				return retention.sessions(cutoff, dryRun);
			case LOGIN_PROTECTION:
				return retention.loginProtection(cutoff, dryRun);
			case CUSTOMER_IDENTITY:
			case CONTACT_EMAIL:
			case CREDENTIALS:
			case REGISTRATION_EVIDENCE:
				// Trigger ACCOUNT_CLOSED: a closed account is erased at closure (see the class comment).
				return 0;
			default:
				throw new IllegalArgumentException("identity holds no category '" + category + "'");
		}
	}

	private Optional<AccountId> resolve(DataSubject subject) {
		if (subject.account() != null) {
			return Optional.of(subject.account());
		}
		return subject.email() == null ? Optional.empty() : accounts.findByEmail(subject.email()).map(a -> a.id());
	}

	private int count(String table, AccountId id) {
		return jdbc.sql("select count(*) from " + table + " where account_id = ?")
			.param(id.value())
			.query(Long.class)
			.single()
			.intValue();
	}
}
