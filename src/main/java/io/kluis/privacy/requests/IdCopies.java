package io.kluis.privacy.requests;

import io.kluis.audit.AuditTrail;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * ID copies, the last resort of the identity check (RIG-7; seed 002 asks to black out photo and
 * BSN). A copy is accepted only when the privacy officer asked for one; it is sealed under a data key
 * of its own (base64 inside the cipher), viewable by the officer once, and destroyed right after
 * the check, or after {@code kluis.privacy.requests.id-copy-retention} at the latest: the row is
 * deleted and the key destroyed, so copies in backups and the transaction log are unreadable too.
 * The timeline keeps only that a copy existed (type, size) and when it was deleted.
 */
@Service
public class IdCopies {

	static final String FIELD = "privacy.requests.id-copy";

	private static final Logger log = LoggerFactory.getLogger(IdCopies.class);

	/** What the officer sees, once. */
	public record IdCopy(IdCopyType type, byte[] content) {

		@Override
		public String toString() {
			return "IdCopy[" + type + ", " + content.length + " bytes]";
		}
	}

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final DataSubjectRequests requests;

	private final RequestTimeline timeline;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final RequestsProperties properties;

	private final Clock clock;

	IdCopies(JdbcClient jdbc, PersonalDataCipher cipher, DataSubjectRequests requests, RequestTimeline timeline,
			AuditTrail audit, ApplicationEventPublisher events, RequestsProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.requests = requests;
		this.timeline = timeline;
		this.audit = audit;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Stores the requester's upload.
	 *
	 * @throws RequestRefused {@code id-copy-too-large}, {@code id-copy-type} (not an image or PDF by its
	 *         content), {@code id-copy-not-requested}
	 */
	@Transactional
	public void upload(DataSubjectRequest request, byte[] content) {
		if (content.length == 0 || content.length > properties.idCopyMaxSize().toBytes()) {
			throw new RequestRefused("id-copy-too-large");
		}
		IdCopyType type = IdCopyType.sniff(content).orElseThrow(() -> new RequestRefused("id-copy-type"));
		request.idCopyReceived();
		delete(request, null, "REPLACED");
		AccountId key = AccountId.random();
		Sealed sealed = cipher.seal(key, FIELD, Base64.getEncoder().encodeToString(content));
		jdbc.sql("insert into privacy_request_id_copies (request_id, key_owner, content_type, size_bytes, content, uploaded_at) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params(request.id().value(), key.value(), type.contentType(), content.length, sealed.bytes(),
					Timestamp.from(clock.instant()))
			.update();
		requests.update(request);
		timeline.record(request, TimelineEntry.Kind.ID_COPY_UPLOADED, null, null,
				type.contentType() + ", " + content.length + " bytes");
		events.publishEvent(new RequestEvents.IdCopyUploaded(request.id(), request.account(), type.contentType(),
				content.length));
	}

	/**
	 * The copy, for the privacy officer's check: the first call returns it, every later one nothing.
	 * The read is audited in the same transaction (a staff read of personal data).
	 */
	@Transactional
	public Optional<IdCopy> viewOnce(DataSubjectRequest request, AccountId staff) {
		int claimed = jdbc.sql("update privacy_request_id_copies set viewed_at = ? where request_id = ? and viewed_at is null")
			.params(Timestamp.from(clock.instant()), request.id().value())
			.update();
		if (claimed == 0) {
			return Optional.empty();
		}
		IdCopy copy = jdbc.sql("select key_owner, content_type, content from privacy_request_id_copies where request_id = ?")
			.param(request.id().value())
			.query((rs, i) -> {
				var key = new AccountId(rs.getObject("key_owner", UUID.class));
				String base64 = cipher.open(key, FIELD, Sealed.fromBytes(rs.getBytes("content")));
				return new IdCopy(IdCopyType.ofContentType(rs.getString("content_type")).orElseThrow(),
						Base64.getDecoder().decode(base64));
			})
			.single();
		audit.record("privacy.request.id-copy.viewed", staff, request.account(), Map.of("request", request.id().toString()));
		timeline.record(request, TimelineEntry.Kind.ID_COPY_VIEWED, staff, null, null);
		return Optional.of(copy);
	}

	/** Whether a copy is stored, and whether it was viewed already. */
	public Optional<Boolean> storedAndViewed(RequestId request) {
		return jdbc.sql("select viewed_at from privacy_request_id_copies where request_id = ?")
			.param(request.value())
			.query((rs, i) -> rs.getTimestamp("viewed_at") != null)
			.optional();
	}

	/** Deletes the request's copy (if any) and destroys its key; records that it happened. */
	@Transactional
	public boolean delete(DataSubjectRequest request, @Nullable AccountId staff, String reason) {
		Optional<UUID> key = jdbc.sql("select key_owner from privacy_request_id_copies where request_id = ?")
			.param(request.id().value())
			.query(UUID.class)
			.optional();
		if (key.isEmpty()) {
			return false;
		}
		jdbc.sql("delete from privacy_request_id_copies where request_id = ?").param(request.id().value()).update();
		cipher.destroyDataKey(new AccountId(key.get()));
		timeline.record(request, TimelineEntry.Kind.ID_COPY_DELETED, staff, null, reason);
		events.publishEvent(new RequestEvents.IdCopyDeleted(request.id(), request.account(), staff, reason));
		return true;
	}

	/** Deletes every copy uploaded longer ago than the retention, checked or not. */
	@Transactional
	public int deleteExpired() {
		return deleteUploadedBefore(clock.instant().minus(properties.idCopyRetention()), false);
	}

	/**
	 * Deletes (or with {@code dryRun} counts) the copies uploaded before the cutoff, checked or not:
	 * the register's {@code id-copies} rule and the request job's 7 days both come here.
	 */
	@Transactional
	public int deleteUploadedBefore(Instant cutoff, boolean dryRun) {
		List<UUID> expired = jdbc.sql("select request_id from privacy_request_id_copies where uploaded_at < ?")
			.param(Timestamp.from(cutoff))
			.query(UUID.class)
			.list();
		if (dryRun) {
			return expired.size();
		}
		int deleted = 0;
		for (UUID id : expired) {
			var request = requests.findById(new RequestId(id));
			if (request.isPresent() && delete(request.get(), null, "EXPIRED")) {
				deleted++;
			}
		}
		if (deleted > 0) {
			log.info("event=privacy.request.id-copies-expired count={}", deleted);
		}
		return deleted;
	}

	/** What is stored of the request's copy, for an access request: type, size and dates, never the copy itself. */
	Optional<Map<String, Object>> describe(DataSubjectRequest request) {
		return jdbc.sql("select content_type, size_bytes, uploaded_at, viewed_at from privacy_request_id_copies "
				+ "where request_id = ?")
			.param(request.id().value())
			.query((rs, i) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("request", request.id().reference());
				row.put("contentType", rs.getString("content_type"));
				row.put("sizeBytes", rs.getLong("size_bytes"));
				row.put("uploadedAt", rs.getTimestamp("uploaded_at").toInstant().toString());
				Timestamp viewed = rs.getTimestamp("viewed_at");
				row.put("viewedAt", viewed == null ? null : viewed.toInstant().toString());
				return row;
			})
			.optional();
	}
}
