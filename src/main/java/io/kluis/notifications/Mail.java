package io.kluis.notifications;

import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.time.temporal.TemporalAccessor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One mail to one recipient, before rendering. Build it with {@link #to(EmailAddress)}.
 *
 * <p>Model values are simple values only (text, numbers, booleans, dates, enums), so a stored mail
 * renders the same on every node and nothing lazy leaks into a template. {@link #toString()} shows
 * the template and ids, never the address or model values: they may be personal data or tokens.
 *
 * @param to the recipient
 * @param locale Dutch or English; any other language is mailed in English
 * @param template template name, e.g. {@code identity/verify-email} (see the package documentation)
 * @param model values the template and subject line may use, by name
 * @param subject whose data key encrypts the stored mail and whose erasure deletes it; {@code null}
 *        when the mail belongs to nobody's account (the mail then gets a key of its own)
 * @param category the kind of mail, for consent checks
 * @param headers extra headers such as {@code List-Unsubscribe}
 * @param attachments files to attach, by reference: the outbox stores only the reference (sealed) and
 *        asks the named {@link MailAttachmentSource} for the files when it sends the mail
 */
public record Mail(EmailAddress to, Locale locale, String template, Map<String, Object> model,
		@Nullable AccountId subject, MailCategory category, Map<String, String> headers,
		List<AttachmentReference> attachments) {

	public static final Locale DUTCH = Locale.forLanguageTag("nl");

	private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+");

	private static final Pattern MODEL_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

	private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,75}");

	/** Headers the transport sets itself; a caller may not override them. */
	private static final Set<String> RESERVED_HEADERS = Set.of("from", "to", "cc", "bcc", "subject", "date",
			"message-id", "sender", "return-path", "mime-version", "content-type", "content-transfer-encoding");

	/** Names the renderer provides to every template; a model may not shadow them. */
	public static final Set<String> RESERVED_MODEL_KEYS = Set.of("brand", "brandColor", "baseUrl", "mailSubject");

	public Mail {
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(locale, "locale");
		Objects.requireNonNull(template, "template");
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(category, "category");
		Objects.requireNonNull(headers, "headers");
		Objects.requireNonNull(attachments, "attachments");
		attachments = List.copyOf(attachments);
		locale = DUTCH.getLanguage().equals(locale.getLanguage()) ? DUTCH : Locale.ENGLISH;
		if (!TEMPLATE.matcher(template).matches()) {
			throw new IllegalArgumentException("template name must look like 'module/name': " + template);
		}
		model.forEach(Mail::checkModelValue);
		headers.forEach(Mail::checkHeader);
		model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

	/** Starts a mail to the recipient; {@link Builder#build()} needs at least a locale and a template. */
	public static Builder to(EmailAddress to) {
		return new Builder(to);
	}

	private static void checkModelValue(String key, Object value) {
		if (!MODEL_KEY.matcher(key).matches() || RESERVED_MODEL_KEYS.contains(key)) {
			throw new IllegalArgumentException("model key not allowed: " + key);
		}
		Objects.requireNonNull(value, "model value of " + key);
		boolean simple = value instanceof CharSequence || value instanceof Number || value instanceof Boolean
				|| value instanceof Character || value instanceof Enum<?> || value instanceof TemporalAccessor;
		if (!simple) {
			throw new IllegalArgumentException("model value of " + key + " is not a simple value");
		}
	}

	private static void checkHeader(String name, String value) {
		if (!HEADER_NAME.matcher(name).matches() || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
			throw new IllegalArgumentException("header not allowed: " + name);
		}
		if (value.isBlank() || value.length() > 2000 || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
			throw new IllegalArgumentException("header value of " + name + " is empty, too long or spans lines");
		}
	}

	@Override
	public String toString() {
		return "Mail[template=" + template + ", locale=" + locale + ", category=" + category + ", subject="
				+ subject + ", modelKeys=" + model.keySet() + ", headers=" + headers.keySet() + ", attachments="
				+ attachments.size() + "]";
	}

	/**
	 * Files to attach at send time: {@code source} is the {@link MailAttachmentSource#id()} of the module
	 * that provides them, {@code reference} what that source understands (e.g. an invoice id). Neither
	 * may be personal data; both are stored sealed with the mail anyway.
	 */
	public record AttachmentReference(String source, String reference) {

		private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

		private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

		public AttachmentReference {
			Objects.requireNonNull(source, "source");
			Objects.requireNonNull(reference, "reference");
			if (!SOURCE.matcher(source).matches()) {
				throw new IllegalArgumentException("attachment source must look like 'module-name'");
			}
			if (!REFERENCE.matcher(reference).matches()) {
				throw new IllegalArgumentException("attachment reference must be 1-200 characters of A-Z a-z 0-9 . _ : -");
			}
		}
	}

	/** Builds a {@link Mail}; category defaults to {@link MailCategory#TRANSACTIONAL}. */
	public static final class Builder {

		private final EmailAddress to;

		private @Nullable Locale locale;

		private @Nullable String template;

		private final Map<String, Object> model = new LinkedHashMap<>();

		private @Nullable AccountId subject;

		private MailCategory category = MailCategory.TRANSACTIONAL;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final List<AttachmentReference> attachments = new java.util.ArrayList<>();

		private Builder(EmailAddress to) {
			this.to = Objects.requireNonNull(to, "to");
		}

		/** The recipient's language (nl or en). */
		public Builder locale(Locale locale) {
			this.locale = locale;
			return this;
		}

		public Builder template(String template) {
			this.template = template;
			return this;
		}

		public Builder with(String key, Object value) {
			model.put(key, value);
			return this;
		}

		public Builder model(Map<String, ?> values) {
			model.putAll(values);
			return this;
		}

		/** The account the mail is about; see {@link Mail#subject()}. */
		public Builder subject(@Nullable AccountId subject) {
			this.subject = subject;
			return this;
		}

		public Builder category(MailCategory category) {
			this.category = category;
			return this;
		}

		public Builder header(String name, String value) {
			headers.put(name, value);
			return this;
		}

		/**
		 * One-click unsubscribe (RFC 8058): sets {@code List-Unsubscribe: <url>} and
		 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}. The URL must be https (or the
		 * base URL of a development installation) and accept a POST without a session.
		 */
		public Builder oneClickUnsubscribe(String url) {
			headers.put("List-Unsubscribe", "<" + url + ">");
			headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			return this;
		}

		/**
		 * Attaches the files that the {@link MailAttachmentSource} with id {@code source} provides for
		 * {@code reference} when the mail is sent (see {@link AttachmentReference}).
		 */
		public Builder attach(String source, String reference) {
			attachments.add(new AttachmentReference(source, reference));
			return this;
		}

		public Mail build() {
			if (locale == null || template == null) {
				throw new IllegalStateException("a mail needs a locale and a template");
			}
			return new Mail(to, locale, template, model, subject, category, headers, attachments);
		}
	}
}
