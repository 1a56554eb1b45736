package io.kluis.notifications.internal;

import io.kluis.shared.jobs.Jobs;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When the dispatcher runs. (Sent mail is purged by the register's {@code sent-mail} retention rule
 * through {@code Notifications#purgeSentBefore}, not by a schedule of this module.) Runs on every
 * node, without the job lock: the dispatcher's claims are exclusive per mail and expire, so nodes
 * share the sending, and one node's slow SMTP server holds up nobody else's batch. Off with
 * {@code kluis.jobs.enabled=false} (one-shot commands, tests that flush by hand).
 */
@Component
class NotificationsSchedule {

	private final OutboxDispatcher dispatcher;

	private final Jobs jobs;

	NotificationsSchedule(OutboxDispatcher dispatcher, Jobs jobs) {
		this.dispatcher = dispatcher;
		this.jobs = jobs;
	}

	@Scheduled(fixedDelayString = "${kluis.notifications.dispatch-interval:2s}",
			initialDelayString = "${kluis.notifications.dispatch-interval:2s}")
	void dispatch() {
		jobs.run("notifications.dispatch", dispatcher::dispatchDue);
	}
}
