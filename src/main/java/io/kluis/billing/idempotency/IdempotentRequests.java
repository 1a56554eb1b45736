package io.kluis.billing.idempotency;

import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a creating request at most once per {@code Idempotency-Key}, account and operation within
 * {@link #WINDOW}. The key is claimed in the same transaction as the action, so two requests with the
 * same key at once (two nodes) serialise on the claim: the second waits, finds the first one's answer
 * and replays it. A failed action rolls back its claim, so a retry acts again. The same key with a
 * different request is refused ({@link IdempotencyKeyReused}, 422).
 *
 * <p>Stored are a hash of the key and a hash of the request (salted with the key, so the request hash
 * cannot be matched against guessed names and addresses without the key), plus the id of what the
 * first request produced; the answer is rebuilt from that id.
 */
@Service
public class IdempotentRequests {

	/** The request header, as in the IETF draft and at Stripe and Mollie. */
	public static final String HEADER = "Idempotency-Key";

	/** How long a key is remembered. */
	public static final Duration WINDOW = Duration.ofHours(24);

	/** Visible ASCII, 1 to 255 characters (a UUID is the usual choice). */
	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private final IdempotencyKeys keys;

	private final TransactionTemplate transactions;

	private final Clock clock;

	IdempotentRequests(IdempotencyKeys keys, TransactionTemplate transactions, Clock clock) {
		this.keys = keys;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Acts once for the key, or answers as the first time.
	 * @param key the header's value; {@code null} (no header) acts every time
	 * @param request what identifies the request (its fields, canonically joined); a different one with
	 * the same key is refused
	 * @param action the action; runs inside the claim's transaction
	 * @param ref the id of what the action produced (order, payment), remembered for replays
	 * @param replay rebuilds the answer from that id
	 * @throws InvalidInputException (400) for a malformed key
	 * @throws IdempotencyKeyReused (422) for the same key with a different request
	 */
	public <T> T once(AccountId account, String operation, @Nullable String key, String request, Supplier<T> action,
			Function<T, UUID> ref, Function<UUID, T> replay) {
		if (key == null) {
			return action.get();
		}
		Hashes h = hashes(key, operation, request);
		Optional<T> earlier = earlier(account, operation, h.key(), h.request(), replay);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		Instant now = forgetExpired();
		String keyHash = h.key();
		String requestHash = h.request();
		try {
			return transactions.execute(tx -> {
				keys.claim(account, operation, keyHash, requestHash, now);
				T result = action.get();
				keys.answer(account, operation, keyHash, ref.apply(result));
				return result;
			});
		}
		catch (DuplicateKeyException e) {
			// The same key at the same time: the other request committed first; answer as it did.
			return earlier(account, operation, keyHash, requestHash, replay)
				.orElseThrow(() -> new ConflictException("A request with this Idempotency-Key is still running; retry."));
		}
	}

	/**
	 * As {@link #once}, for an action that calls out (a payment provider) and commits its own work: it must
	 * not run inside a transaction that holds a connection while it waits for the network (with a
	 * connection of its own it could exhaust the pool). The claim is committed first; a second request
	 * with the same key meanwhile is answered 409 (still running); the answer is recorded after the action;
	 * a failed action releases the claim, so a retry acts again.
	 */
	public <T> T onceCallingOut(AccountId account, String operation, @Nullable String key, String request,
			Supplier<T> action, Function<T, UUID> ref, Function<UUID, T> replay) {
		if (key == null) {
			return action.get();
		}
		Hashes h = hashes(key, operation, request);
		Optional<T> earlier = earlier(account, operation, h.key(), h.request(), replay);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		Instant now = forgetExpired();
		String keyHash = h.key();
		String requestHash = h.request();
		try {
			transactions.executeWithoutResult(tx -> keys.claim(account, operation, keyHash, requestHash, now));
		}
		catch (DuplicateKeyException e) {
			return earlier(account, operation, keyHash, requestHash, replay)
				.orElseThrow(() -> new ConflictException("A request with this Idempotency-Key is still running; retry."));
		}
		T result;
		try {
			result = action.get();
		}
		catch (RuntimeException | Error e) {
			transactions.executeWithoutResult(tx -> keys.release(account, operation, keyHash));
			throw e;
		}
		transactions.executeWithoutResult(tx -> keys.answer(account, operation, keyHash, ref.apply(result)));
		return result;
	}

	/** The stored hashes of a key and of the request made with it (salted with the key). */
	private record Hashes(String key, String request) {
	}

	/** Checks the key's form (400) and hashes it and the request. */
	private static Hashes hashes(String key, String operation, String request) {
		if (!KEY.matcher(key).matches()) {
			throw new InvalidInputException(HEADER, HEADER + " must be 1 to 255 visible ASCII characters, such as a UUID");
		}
		return new Hashes(sha256("key\n" + key), sha256(key + "\n" + operation + "\n" + request));
	}

	/** Forgets expired keys, in a statement of its own (a key may be used again after the window); now. */
	private Instant forgetExpired() {
		Instant now = clock.instant();
		keys.deleteCreatedBefore(now.minus(WINDOW));
		return now;
	}

	private <T> Optional<T> earlier(AccountId account, String operation, String keyHash, String requestHash,
			Function<UUID, T> replay) {
		return keys.find(account, operation, keyHash, clock.instant().minus(WINDOW)).map(claim -> {
			if (!claim.requestHash().equals(requestHash)) {
				throw new IdempotencyKeyReused();
			}
			if (claim.responseRef() == null) {
				throw new ConflictException("A request with this Idempotency-Key is still running; retry.");
			}
			return replay.apply(claim.responseRef());
		});
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
