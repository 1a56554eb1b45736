package io.kluis.notifications.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When the dispatcher runs. (Sent mail is purged by the register's {@code sent-mail} retention rule
 * through {@code Notifications#purgeSentBefore}, not by a schedule of this module.) A bean of its own, switched off with
 * {@code kluis.scheduling.enabled=false} (one-shot commands, tests that flush by hand): other
 * libraries may switch Spring's scheduling on regardless of that property.
 */
@Component
@ConditionalOnProperty(name = "kluis.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class NotificationsSchedule {

	private static final Logger log = LoggerFactory.getLogger(NotificationsSchedule.class);

	private final OutboxDispatcher dispatcher;

	NotificationsSchedule(OutboxDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Scheduled(fixedDelayString = "${kluis.notifications.dispatch-interval:2s}",
			initialDelayString = "${kluis.notifications.dispatch-interval:2s}")
	void dispatch() {
		try {
			dispatcher.dispatchDue();
		}
		catch (RuntimeException e) {
			// The database may be briefly unavailable; the next run tries again.
			log.warn("event=notifications.dispatch.error error={}", e.getClass().getSimpleName());
		}
	}
}
