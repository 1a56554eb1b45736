package io.kluis.privacy.rights;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.ExportedFile;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Access and portability (RIG-1, RIG-5): one request builds, off the request thread, a ZIP of
 * everything every {@link PersonalDataHolder} holds about the subject, stores it encrypted, and
 * mails a link to the panel when it is ready. The holders are asked at build time, so the export
 * is as fresh as the moment it was built.
 */
@Service
class ExportingPersonalData {

	static final String FILE_KEY_FIELD = "privacy.exports.file_key";

	private static final Logger log = LoggerFactory.getLogger(ExportingPersonalData.class);

	/** What a download needs: the plaintext size and the decrypting stream. */
	record Download(Export export, long size, InputStream content) {
	}

	private final Exports exports;

	private final ExportFiles files;

	private final List<PersonalDataHolder> holders;

	private final AccountDirectory directory;

	private final PersonalDataCipher cipher;

	private final ExportReadme readme;

	private final ProcessingRegister register;

	private final Notifications notifications;

	private final ApplicationEventPublisher events;

	private final ExportWorkers workers;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ExportingPersonalData(Exports exports, ExportFiles files, List<PersonalDataHolder> holders,
			AccountDirectory directory, PersonalDataCipher cipher, ExportReadme readme, ProcessingRegister register,
			Notifications notifications, ApplicationEventPublisher events, ExportWorkers workers,
			TransactionTemplate transactions, Clock clock) {
		this.exports = exports;
		this.files = files;
		this.holders = List.copyOf(holders);
		this.directory = directory;
		this.cipher = cipher;
		this.readme = readme;
		this.register = register;
		this.notifications = notifications;
		this.events = events;
		this.workers = workers;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Starts an export, or returns the one already being built for the subject (asking twice does
	 * not build twice).
	 */
	Export request(AccountId subject, AccountId actor) {
		var building = exports.of(subject).stream().filter(e -> e.status() == Export.Status.BUILDING).findFirst();
		if (building.isPresent()) {
			return building.get();
		}
		var export = Export.requested(subject, clock.instant());
		transactions.executeWithoutResult(tx -> {
			exports.insert(export);
			events.publishEvent(new ExportRequested(export.id(), subject, actor));
		});
		workers.submit(() -> build(export.id()));
		return export;
	}

	/**
	 * Builds the ZIP. Runs on an export worker; failures leave the job FAILED and no content (what
	 * was written is deleted; the content counts only once the row is READY).
	 */
	void build(UUID id) {
		var export = exports.find(id).filter(e -> e.status() == Export.Status.BUILDING).orElse(null);
		if (export == null) {
			return;
		}
		try {
			var contact = directory.contact(export.account()).orElseThrow(() -> new IllegalStateException("no account"));
			var categories = collect(DataSubject.of(export.account()));
			byte[] key = SegmentedEncryption.newKey();
			long size = files.write(id, key, out -> ExportArchive.write(out, export.account(), clock.instant(),
					contact.locale(), register, categories, readme));
			var sealedKey = cipher.seal(export.account(), FILE_KEY_FIELD, Base64.getEncoder().encodeToString(key));
			var ready = export.markReady(clock.instant(), size, sealedKey);
			boolean stored = Boolean.TRUE.equals(transactions.execute(tx -> {
				if (!exports.markReady(ready)) {
					return false;
				}
				notifications.send(Mail.to(contact.email())
					.locale(contact.locale())
					.template("privacy/export-ready")
					.subject(export.account())
					.with("exportLink", notifications.link("/panel/privacy/exports/" + id))
					.with("expiresAt", ready.expiresAt().atZone(ErasureExplanation.ZONE))
					.build());
				return true;
			}));
			if (!stored) {
				files.delete(id);
			}
			log.info("event=privacy.export.ready export={} categories={} bytes={}", id, categories.size(), size);
		}
		catch (RuntimeException | IOException e) {
			log.warn("event=privacy.export.failed export={} error={}", id, e.getClass().getSimpleName());
			try {
				files.delete(id);
			}
			catch (RuntimeException stillThere) {
				// The expiry job deletes the row within the hour, and its content with it.
				log.warn("event=privacy.export.cleanup-failed export={} error={}", id,
						stillThere.getClass().getSimpleName());
			}
			exports.markFailed(id);
		}
	}

	/** Every holder's data, merged per category (two modules may hold parts of one category). */
	List<ExportedCategory> collect(DataSubject subject) {
		Map<String, List<Map<String, Object>>> records = new LinkedHashMap<>();
		Map<String, List<ExportedFile>> attachments = new LinkedHashMap<>();
		Map<String, Set<String>> columns = new LinkedHashMap<>();
		for (var holder : holders) {
			for (var category : holder.export(subject)) {
				columns.computeIfAbsent(category.category(), c -> new LinkedHashSet<>()).addAll(category.columns());
				records.computeIfAbsent(category.category(), c -> new ArrayList<>()).addAll(category.records());
				attachments.computeIfAbsent(category.category(), c -> new ArrayList<>()).addAll(category.files());
			}
		}
		var merged = new ArrayList<ExportedCategory>();
		records.forEach((category, list) -> merged.add(new ExportedCategory(category, List.copyOf(columns.get(category)), list,
				attachments.get(category))));
		return merged;
	}

	List<Export> of(AccountId subject) {
		return exports.of(subject);
	}

	/** The subject's own export, or empty (someone else's and unknown ids look the same). */
	Optional<Export> find(AccountId subject, UUID id) {
		return exports.find(id).filter(e -> e.belongsTo(subject));
	}

	/** Opens a ready, unexpired export of the subject for download, and records that it was downloaded. */
	Optional<Download> download(AccountId subject, UUID id, String channel) throws IOException {
		var export = find(subject, id).filter(e -> e.isDownloadable(clock.instant())).orElse(null);
		if (export == null || export.fileKey() == null) {
			return Optional.empty();
		}
		byte[] key = Base64.getDecoder().decode(cipher.open(subject, FILE_KEY_FIELD, export.fileKey()));
		var content = files.open(id, key).orElse(null);
		if (content == null) {
			// Deleted a moment ago (expiry, erasure): as if it were not there.
			return Optional.empty();
		}
		transactions.executeWithoutResult(tx -> events.publishEvent(new ExportDownloaded(id, subject, subject, channel)));
		return Optional.of(new Download(export, export.size() == null ? -1 : export.size(), content));
	}

	/**
	 * Deletes expired exports and builds that never finished, row and content (the content is in the
	 * shared database, so one node of a cluster does it for all). Returns how many.
	 */
	int deleteExpired() {
		var now = clock.instant();
		var expired = exports.expired(now, now.minus(java.time.Duration.ofHours(1)));
		for (UUID id : expired) {
			exports.delete(id);
			files.delete(id);
		}
		if (!expired.isEmpty()) {
			log.info("event=privacy.export.expired count={}", expired.size());
		}
		return expired.size();
	}
}
