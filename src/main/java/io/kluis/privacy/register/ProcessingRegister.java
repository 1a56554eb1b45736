package io.kluis.privacy.register;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The processing register (AVG art. 30): the single source of truth from which the privacy policy,
 * the retention matrix, the sub-processor list and the Art. 30 record are rendered, and by which
 * the retention and data-subject-request engines act (PUR-1).
 */
public record ProcessingRegister(Version version, Provider provider, List<Subject> subjects, List<Category> categories,
		List<Purpose> purposes, List<Recipient> recipients, List<RetentionRule> retention, List<Cookie> cookies,
		List<Statement> statements, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Requests requests) {

	/**
	 * Art. 12(3) AVG: "without undue delay and in any event within one month of receipt". The default
	 * when the register does not set {@code requests.deadline}.
	 */
	public static final Period DEFAULT_REQUEST_DEADLINE = Period.ofMonths(1);

	/**
	 * A register without a {@code requests} section. Left out of the canonical form when absent
	 * (see {@code CanonicalRegister}), so registers published before the section existed keep their hash.
	 */
	public ProcessingRegister(Version version, Provider provider, List<Subject> subjects, List<Category> categories,
			List<Purpose> purposes, List<Recipient> recipients, List<RetentionRule> retention, List<Cookie> cookies,
			List<Statement> statements) {
		this(version, provider, subjects, categories, purposes, recipients, retention, cookies, statements, null);
	}

	public ProcessingRegister {
		subjects = subjects == null ? List.of() : List.copyOf(subjects);
		categories = categories == null ? List.of() : List.copyOf(categories);
		purposes = purposes == null ? List.of() : List.copyOf(purposes);
		recipients = recipients == null ? List.of() : List.copyOf(recipients);
		retention = retention == null ? List.of() : List.copyOf(retention);
		cookies = cookies == null ? List.of() : List.copyOf(cookies);
		statements = statements == null ? List.of() : List.copyOf(statements);
	}

	/** What this version of the register changes, and whether customers must be told (POL-2). */
	public record Version(boolean significant, Text changes) {
	}

	/** Who the controller is, how to reach them, and the supervisory authority (RIG-9). */
	public record Provider(String name, String address, @Nullable String kvk, String email, @Nullable String phone,
			String privacyContact, @Nullable String dpo, Authority supervisoryAuthority) {
	}

	public record Authority(String name, String url, String address) {
	}

	/** A kind of person whose data is processed (customers, site visitors, newsletter subscribers…). */
	public record Subject(String id, Text name) {
	}

	/** A category of personal data, held by one module that can export and erase it (PUR-3). */
	public record Category(String id, Text name, Text examples, boolean special, String heldBy) {
	}

	/** A purpose with its legal basis; legitimate interests are spelled out (art. 6(1)(f)). */
	public record Purpose(String id, Text name, Text description, LegalBasis legalBasis,
			@Nullable Text legitimateInterest, List<String> categories, List<String> subjects) {

		public Purpose {
			categories = categories == null ? List.of() : List.copyOf(categories);
			subjects = subjects == null ? List.of() : List.copyOf(subjects);
		}
	}

	/** Who receives personal data: processors (sub-processors), other controllers, authorities (SHR-1, SHR-4). */
	public record Recipient(String id, String name, RecipientRole role, String country, boolean processorAgreement,
			Text purpose, List<String> categories) {

		public Recipient {
			categories = categories == null ? List.of() : List.copyOf(categories);
		}
	}

	public enum RecipientRole {
		PROCESSOR, CONTROLLER, AUTHORITY
	}

	/**
	 * How long a category is kept: {@code period} after {@code trigger}. A legal hold names the law
	 * that requires keeping it (e.g. art. 52 AWR); such data survives erasure until its period ends.
	 */
	public record RetentionRule(String id, String category, RetentionTrigger trigger, Period period, Text description,
			@Nullable Text legalHold) {

		public boolean isLegalHold() {
			return legalHold != null && !legalHold.isEmpty();
		}
	}

	/** A cookie the product sets, by category (CON-2). */
	public record Cookie(String name, CookieCategory category, Text purpose, Text lifetime) {
	}

	public enum CookieCategory {
		TECHNICAL, FUNCTIONAL, ANALYTICAL, COMMERCIAL
	}

	/** An optional statement the provider makes, e.g. that phone calls are not recorded (SUP-2). */
	public record Statement(String id, boolean enabled, Text text) {
	}

	/**
	 * How data-subject requests are answered (RIG-7). {@code deadline}: the period within which a
	 * request is answered, counted from its arrival (or its confirmation, for the web form), as an
	 * ISO-8601 period: {@code P1M} (one calendar month, the default and the legal maximum) or a number
	 * of days or weeks up to four ({@code P4W}, {@code P28D}) for a provider who promises "four weeks".
	 */
	public record Requests(@Nullable Period deadline) {
	}

	/** The deadline for answering requests: the register's {@code requests.deadline}, else one calendar month. */
	public Period requestDeadline() {
		return requests == null || requests.deadline() == null ? DEFAULT_REQUEST_DEADLINE : requests.deadline();
	}

	public Optional<Category> category(String id) {
		return categories.stream().filter(c -> c.id().equals(id)).findFirst();
	}

	public List<RetentionRule> retentionFor(String categoryId) {
		return retention.stream().filter(r -> r.category().equals(categoryId)).toList();
	}

	public List<Recipient> subProcessors() {
		return recipients.stream().filter(r -> r.role() == RecipientRole.PROCESSOR).toList();
	}
}
