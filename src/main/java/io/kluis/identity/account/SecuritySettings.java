package io.kluis.identity.account;

import io.kluis.identity.SecuritySettingsChanged;
import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether staff and customers must use a second factor (ACC-3): an administrator's setting, stored
 * in the database so every node applies it, defaulting to {@code kluis.identity.mfa-required-for-*}.
 * Read on every request by the enforcement filter, so it is cached for a few seconds.
 */
@Service
public class SecuritySettings {

	/** The current values. */
	public record Mfa(boolean requiredForStaff, boolean requiredForCustomers) {
	}

	private static final Duration CACHE = Duration.ofSeconds(10);

	private static final String STAFF = "mfa-required-for-staff";

	private static final String CUSTOMERS = "mfa-required-for-customers";

	private final JdbcClient jdbc;

	private final IdentityProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private volatile Mfa cached;

	private volatile Instant cachedAt = Instant.EPOCH;

	SecuritySettings(JdbcClient jdbc, IdentityProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	public Mfa mfa() {
		Mfa current = cached;
		if (current != null && cachedAt.plus(CACHE).isAfter(clock.instant())) {
			return current;
		}
		Map<String, String> stored = jdbc.sql("select name, setting from identity_settings")
			.query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		current = new Mfa(Boolean.parseBoolean(stored.getOrDefault(STAFF, String.valueOf(properties.mfaRequiredForStaff()))),
				Boolean.parseBoolean(stored.getOrDefault(CUSTOMERS, String.valueOf(properties.mfaRequiredForCustomers()))));
		cached = current;
		cachedAt = clock.instant();
		return current;
	}

	@Transactional
	@PreAuthorize("hasRole('ADMIN')")
	public void changeMfa(Mfa mfa, AccountId admin) {
		Instant now = clock.instant();
		store(STAFF, mfa.requiredForStaff(), admin, now);
		store(CUSTOMERS, mfa.requiredForCustomers(), admin, now);
		cached = null;
		events.publishEvent(new SecuritySettingsChanged(admin, mfa.requiredForStaff(), mfa.requiredForCustomers()));
	}

	private void store(String name, boolean value, AccountId admin, Instant now) {
		int updated = jdbc.sql("update identity_settings set setting = ?, changed_at = ?, changed_by = ? where name = ?")
			.params(String.valueOf(value), Timestamp.from(now), admin.value(), name)
			.update();
		if (updated == 0) {
			jdbc.sql("insert into identity_settings (name, setting, changed_at, changed_by) values (?, ?, ?, ?)")
				.params(name, String.valueOf(value), Timestamp.from(now), admin.value())
				.update();
		}
	}
}
