package io.kluis.billing.orders;

import io.kluis.billing.BillingProfile;
import io.kluis.billing.BillingProfiles;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The billing profiles ({@code billing_profiles}): one JSON document per customer, sealed under the
 * customer's data key (field {@value #FIELD}), so a database dump alone reveals no name or address (SEC-3)
 * and erasing the account's key makes it unreadable everywhere.
 */
@Repository
public class BillingProfileStore implements BillingProfiles {

	/** The sealing field name; stored data depends on it, never change it. */
	static final String FIELD = "billing.profile";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final Clock clock;

	BillingProfileStore(JdbcClient jdbc, PersonalDataCipher cipher, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.clock = clock;
	}

	@Override
	public Optional<BillingProfile> find(AccountId account) {
		return jdbc.sql("select profile_sealed from billing_profiles where account_id = ?")
			.param(account.value())
			.query((rs, i) -> rs.getBytes(1))
			.optional()
			.map(bytes -> read(cipher.open(account, FIELD, Sealed.fromBytes(bytes))));
	}

	/**
	 * Stores (or replaces) the customer's profile.
	 * @throws ConflictException when another request of the customer stores a first profile at the same
	 * moment (the primary key lets one insert through; the other is told to try again)
	 */
	@Transactional
	public void save(AccountId account, BillingProfile profile) {
		byte[] sealed = cipher.seal(account, FIELD, write(profile)).bytes();
		Timestamp now = Timestamp.from(clock.instant());
		if (jdbc.sql("update billing_profiles set profile_sealed = ?, updated_at = ? where account_id = ?")
			.params(sealed, now, account.value())
			.update() == 0) {
			try {
				jdbc.sql("insert into billing_profiles (account_id, profile_sealed, updated_at) values (?, ?, ?)")
					.params(account.value(), sealed, now)
					.update();
			}
			catch (DuplicateKeyException e) {
				throw new ConflictException("Your billing profile is being saved by another request; try again.");
			}
		}
	}

	public int delete(AccountId account) {
		return jdbc.sql("delete from billing_profiles where account_id = ?").param(account.value()).update();
	}

	private static String write(BillingProfile p) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("name", p.name());
		map.put("street", p.street());
		map.put("postalCode", p.postalCode());
		map.put("city", p.city());
		map.put("countryCode", p.countryCode());
		map.put("companyName", p.companyName());
		map.put("kvkNumber", p.kvkNumber());
		map.put("vatNumber", p.vatNumber());
		return JSON.writeValueAsString(map);
	}

	private static BillingProfile read(String json) {
		var node = JSON.readTree(json);
		return new BillingProfile(node.get("name").asString(), node.get("street").asString(),
				node.get("postalCode").asString(), node.get("city").asString(), node.get("countryCode").asString(),
				text(node.get("companyName")), text(node.get("kvkNumber")), text(node.get("vatNumber")));
	}

	private static String text(tools.jackson.databind.JsonNode node) {
		return node == null || node.isNull() ? null : node.asString();
	}
}
