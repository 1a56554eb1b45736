package io.kluis.identity.account;

import io.kluis.identity.MfaDisabled;
import io.kluis.identity.MfaEnabled;
import io.kluis.identity.RecoveryCodeUsed;
import io.kluis.identity.credentials.QrCodeSvg;
import io.kluis.identity.credentials.RecoveryCode;
import io.kluis.identity.credentials.RecoveryCodes;
import io.kluis.identity.credentials.SecretHasher;
import io.kluis.identity.credentials.Totp;
import io.kluis.identity.credentials.TotpSecret;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.shared.web.BrandingProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second factor (ACC-3): TOTP (RFC 6238) enrolled by scanning a QR code and confirmed with a
 * first code, plus ten single-use recovery codes stored as keyed hashes. A code's time step is
 * remembered, so an observed code cannot be replayed.
 */
@Service
public class MultiFactor {

	/** What the enrollment page shows: the secret as text and as a QR code of the otpauth URI. */
	public record Enrollment(String secret, String otpauthUri, String qrSvg) {

		@Override
		public String toString() {
			return "Enrollment[***]";
		}
	}

	private final Accounts accounts;

	private final Totp totp;

	private final Supplier<SecretHasher> hasher;

	private final JdbcClient jdbc;

	private final IdentityMails mails;

	private final BrandingProperties branding;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	MultiFactor(Accounts accounts, Totp totp, Supplier<SecretHasher> hasher, JdbcClient jdbc, IdentityMails mails,
			BrandingProperties branding, ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.totp = totp;
		this.hasher = hasher;
		this.jdbc = jdbc;
		this.mails = mails;
		this.branding = branding;
		this.events = events;
		this.clock = clock;
	}

	/** Starts (or restarts) TOTP enrollment with a fresh secret. */
	@Transactional
	public Enrollment beginTotp(AccountId id) {
		Account account = load(id);
		if (account.hasMfa()) {
			throw new ConflictException("a second factor is already set up; remove it first");
		}
		TotpSecret secret = TotpSecret.generate();
		account.startTotpEnrollment(secret.base32());
		accounts.update(account);
		String uri = totp.provisioningUri(secret, branding.name(), account.email().value());
		return new Enrollment(secret.base32(), uri, QrCodeSvg.render(uri));
	}

	/**
	 * Confirms enrollment with a code from the app and returns the recovery codes, shown once.
	 * Empty when the code is wrong.
	 */
	@Transactional
	public Optional<List<String>> confirmTotp(AccountId id, String code) {
		Account account = load(id);
		if (account.totpPending() == null) {
			throw new ConflictException("start the set-up first");
		}
		TotpSecret secret = TotpSecret.fromBase32(account.totpPending()).orElseThrow();
		OptionalLong step = totp.verify(secret, code, clock.instant(), Totp.NO_STEP_USED);
		if (step.isEmpty()) {
			return Optional.empty();
		}
		account.confirmTotpEnrollment(step.getAsLong(), clock.instant());
		accounts.update(account);
		List<String> codes = replaceRecoveryCodes(id);
		mails.mfaChanged(account, true);
		events.publishEvent(new MfaEnabled(id));
		return Optional.of(codes);
	}

	/**
	 * Checks a login's second factor: a TOTP code, or else a recovery code (used up). Returns the
	 * method ("totp" or "recovery-code") or empty. The caller counts failures against the account.
	 */
	@Transactional
	public Optional<String> verify(AccountId id, String code) {
		Account account = load(id);
		if (!account.hasMfa()) {
			return Optional.empty();
		}
		TotpSecret secret = TotpSecret.fromBase32(account.totpSecret()).orElseThrow();
		OptionalLong step = totp.verify(secret, code, clock.instant(), account.totpLastStep());
		if (step.isPresent()) {
			account.acceptTotpStep(step.getAsLong());
			accounts.update(account);
			return Optional.of("totp");
		}
		if (useRecoveryCode(id, code)) {
			int remaining = remainingRecoveryCodes(id);
			events.publishEvent(new RecoveryCodeUsed(id, remaining));
			return Optional.of("recovery-code");
		}
		return Optional.empty();
	}

	/** Removes TOTP and recovery codes (by the owner, or an admin after out-of-band checks). */
	@Transactional
	public void disable(AccountId id, AccountId actor) {
		Account account = load(id);
		if (!account.hasMfa() && account.totpPending() == null) {
			throw new ConflictException("no second factor is set up");
		}
		account.disableMfa();
		accounts.update(account);
		jdbc.sql("delete from identity_recovery_codes where account_id = ?").param(id.value()).update();
		mails.mfaChanged(account, false);
		events.publishEvent(new MfaDisabled(id, actor));
	}

	/** Issues ten new recovery codes, invalidating the old ones; returns them for one-time display. */
	@Transactional
	public List<String> replaceRecoveryCodes(AccountId id) {
		jdbc.sql("delete from identity_recovery_codes where account_id = ?").param(id.value()).update();
		List<RecoveryCode> codes = RecoveryCodes.generate();
		for (RecoveryCode code : codes) {
			jdbc.sql("insert into identity_recovery_codes (id, account_id, code_hash) values (?, ?, ?)")
				.params(UUID.randomUUID(), id.value(), hasher.get().hash(code))
				.update();
		}
		return codes.stream().map(RecoveryCode::display).toList();
	}

	public int remainingRecoveryCodes(AccountId id) {
		return jdbc.sql("select count(*) from identity_recovery_codes where account_id = ? and used_at is null")
			.param(id.value())
			.query(Integer.class)
			.single();
	}

	private boolean useRecoveryCode(AccountId id, String input) {
		var code = RecoveryCode.parse(input);
		if (code.isEmpty()) {
			return false;
		}
		record Stored(UUID id, byte[] hash) {
		}
		List<Stored> stored = jdbc.sql("select id, code_hash from identity_recovery_codes where account_id = ? "
				+ "and used_at is null")
			.param(id.value())
			.query((rs, i) -> new Stored(rs.getObject(1, UUID.class), rs.getBytes(2)))
			.list();
		var match = hasher.get().indexOfMatch(code.get(), stored.stream().map(Stored::hash).toList());
		if (match.isEmpty()) {
			return false;
		}
		Instant now = clock.instant();
		return jdbc.sql("update identity_recovery_codes set used_at = ? where id = ? and used_at is null")
			.params(Timestamp.from(now), stored.get(match.getAsInt()).id())
			.update() == 1;
	}

	private Account load(AccountId id) {
		return accounts.findById(id).orElseThrow(() -> new NotFoundException("account"));
	}
}
