package io.kluis.privacy.requests;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds the privacy officer (the register's {@code provider.privacyContact}) of open requests 7 and
 * 2 days before their due date and once when it has passed (RIG-7). Idempotent and safe on several
 * nodes: each reminder is claimed by a row keyed by request, stage and due date, in the same
 * transaction as its mail, so it is sent once; an extension moves the due date and so the reminders
 * come again for the new one. When the job was down past several moments, only the most urgent
 * reminder is sent.
 */
@Component
class DeadlineReminders {

	private static final Logger log = LoggerFactory.getLogger(DeadlineReminders.class);

	private final DataSubjectRequests requests;

	private final RequestTimeline timeline;

	private final RequestMails mails;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DeadlineReminders(DataSubjectRequests requests, RequestTimeline timeline, RequestMails mails, JdbcClient jdbc,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock) {
		this.requests = requests;
		this.timeline = timeline;
		this.mails = mails;
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** Sends every reminder that is due and not yet sent; returns how many this call sent. */
	int sendDue() {
		Instant now = clock.instant();
		int sent = 0;
		for (DataSubjectRequest request : requests.openDueBefore(now.plus(ReminderStage.DAYS_7.before()))) {
			Deadline deadline = request.requireOpen();
			var stage = deadline.reminderAt(now);
			if (stage.isPresent()) {
				try {
					Boolean done = transactions.execute(tx -> send(request, deadline, stage.get(), now));
					sent += Boolean.TRUE.equals(done) ? 1 : 0;
				}
				catch (DuplicateKeyException alreadyClaimed) {
					// another node sent it in the meantime
				}
			}
		}
		if (sent > 0) {
			log.info("event=privacy.request.reminders-sent count={}", sent);
		}
		return sent;
	}

	private boolean send(DataSubjectRequest request, Deadline deadline, ReminderStage stage, Instant now) {
		LocalDate due = mails.date(deadline.due());
		String reminder = stage.name() + ":" + due;
		int claimed = jdbc.sql("insert into privacy_request_reminders (request_id, reminder, sent_at) select ?, ?, ? "
				+ "where not exists (select 1 from privacy_request_reminders where request_id = ? and reminder = ?)")
			.params(request.id().value(), reminder, Timestamp.from(now), request.id().value(), reminder)
			.update();
		if (claimed == 0) {
			return false;
		}
		timeline.record(request, TimelineEntry.Kind.REMINDER, null, null, stage.name());
		mails.toOfficer(request, "request-reminder", Map.of("stage", stage, "dueDate", due));
		events.publishEvent(new RequestEvents.DeadlineReminderSent(request.id(), request.account(), stage));
		return true;
	}
}
