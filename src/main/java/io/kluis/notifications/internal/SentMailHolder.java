package io.kluis.notifications.internal;

import io.kluis.notifications.Notifications;
import io.kluis.notifications.SentMail;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The notifications module's personal data (mails in the outbox and the local mail viewer), exported,
 * erased and expired through the module's own API; its holder id stays {@code notifications} (the
 * module name), under which account closures in progress recorded its step. Only mails
 * sent on an account's behalf can be found: a mail without an account is sealed under a key of its
 * own and found by nobody, and is removed by retention like every other mail (trigger SENT).
 */
@Component
class SentMailHolder implements PersonalDataHolder {

	static final String SENT_MAIL = "sent-mail";

	private static final List<String> TABLES = List.of("notifications_outbox", "notifications_dev_mailbox");

	private static final List<String> COLUMNS = List.of("subject_id", "key_owner_id", "recipient", "subject_line",
			"body_text", "body_html", "headers");

	private final Notifications notifications;

	SentMailHolder(Notifications notifications) {
		this.notifications = notifications;
	}

	@Override
	public String module() {
		return "notifications";
	}

	@Override
	public Set<String> categories() {
		return Set.of(SENT_MAIL);
	}

	@Override
	public Map<String, String> personalColumns() {
		var columns = new LinkedHashMap<String, String>();
		TABLES.forEach(t -> COLUMNS.forEach(c -> columns.put(t + "." + c, SENT_MAIL)));
		return columns;
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		if (subject.account() == null) {
			return List.of();
		}
		var records = notifications.mailsAbout(subject.account()).stream().map(SentMailHolder::row).toList();
		return List.of(ExportedCategory.of(SENT_MAIL, List.of("to", "subjectLine", "template", "kind", "status",
				"queuedAt", "sentAt", "failedAt"), records));
	}

	private static Map<String, Object> row(SentMail mail) {
		var row = new LinkedHashMap<String, Object>();
		row.put("to", mail.recipient());
		row.put("subjectLine", mail.subjectLine());
		row.put("template", mail.template());
		row.put("kind", mail.category().name());
		row.put("status", mail.status());
		row.put("queuedAt", mail.queuedAt().toString());
		row.put("sentAt", text(mail.sentAt()));
		row.put("failedAt", text(mail.failedAt()));
		return row;
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return instant == null ? null : instant.toString();
	}

	@Override
	public Erased erase(DataSubject subject) {
		if (subject.account() == null) {
			return Erased.none();
		}
		return Erased.of(SENT_MAIL, notifications.eraseFor(subject.account()));
	}

	@Override
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		if (!SENT_MAIL.equals(category)) {
			throw new IllegalArgumentException("notifications holds no category '" + category + "'");
		}
		return notifications.purgeSentBefore(cutoff, dryRun);
	}
}
