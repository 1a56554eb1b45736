package io.kluis.billing.payments;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An account's customer at a provider and its current mandate ({@code billing_payment_mandates}). The
 * IBAN and mandate reference are sealed under the account's data key; the rest is the provider's ids.
 */
@Repository
class Mandates {

	static final String IBAN_FIELD = "billing.mandate.iban";

	static final String REFERENCE_FIELD = "billing.mandate.reference";

	/** What Kluis holds about an account's mandate; the IBAN and reference opened on demand. */
	record Row(UUID id, AccountId account, String provider, String customerId, @Nullable String mandateId,
			@Nullable String status, @Nullable String method, @Nullable Sealed iban, @Nullable Sealed reference,
			Instant createdAt, Instant updatedAt) {

		boolean valid() {
			return mandateId != null && "valid".equals(status);
		}
	}

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	Mandates(JdbcClient jdbc, PersonalDataCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	Optional<Row> find(AccountId account, String provider) {
		return jdbc.sql("select * from billing_payment_mandates where account_id = ? and provider = ?")
			.params(account.value(), provider)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
					rs.getString("provider"), rs.getString("provider_customer_id"), rs.getString("provider_mandate_id"),
					rs.getString("status"), rs.getString("method"), Sealed.fromNullableBytes(rs.getBytes("iban_sealed")),
					Sealed.fromNullableBytes(rs.getBytes("mandate_reference_sealed")),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()))
			.optional();
	}

	List<Row> of(AccountId account) {
		return jdbc.sql("select provider from billing_payment_mandates where account_id = ? order by created_at")
			.param(account.value())
			.query(String.class)
			.list()
			.stream()
			.flatMap(provider -> find(account, provider).stream())
			.toList();
	}

	/** Records the provider's customer for the account (no mandate yet); a concurrent insert wins. */
	void insertCustomer(AccountId account, String provider, String customerId, Instant now) {
		jdbc.sql("insert into billing_payment_mandates (id, account_id, provider, provider_customer_id, created_at, "
				+ "updated_at) values (?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), account.value(), provider, customerId, Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	/** Stores the mandate a paid first payment created, its IBAN and reference sealed. */
	void storeMandate(AccountId account, String provider, String mandateId, String status, String method,
			@Nullable String iban, @Nullable String mandateReference, Instant now) {
		Sealed sealedIban = cipher.sealNullable(account, IBAN_FIELD, iban);
		Sealed sealedReference = cipher.sealNullable(account, REFERENCE_FIELD, mandateReference);
		jdbc.sql("update billing_payment_mandates set provider_mandate_id = ?, status = ?, method = ?, iban_sealed = ?, "
				+ "mandate_reference_sealed = ?, updated_at = ? where account_id = ? and provider = ?")
			.params(mandateId, status, method, sealedIban == null ? null : sealedIban.bytes(),
					sealedReference == null ? null : sealedReference.bytes(), Timestamp.from(now), account.value(), provider)
			.update();
	}

	@Nullable String openIban(Row row) {
		return cipher.openNullable(row.account(), IBAN_FIELD, row.iban());
	}

	@Nullable String openReference(Row row) {
		return cipher.openNullable(row.account(), REFERENCE_FIELD, row.reference());
	}

	int deleteFor(AccountId account) {
		return jdbc.sql("delete from billing_payment_mandates where account_id = ?").param(account.value()).update();
	}
}
