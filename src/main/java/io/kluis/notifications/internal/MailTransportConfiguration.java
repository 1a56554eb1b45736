package io.kluis.notifications.internal;

import io.kluis.shared.StartupRefusal;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Picks the transport: SMTP when Spring Boot configured a {@link JavaMailSender} (that is, when
 * {@code spring.mail.host} is set), otherwise the local mail viewer. Decided when the bean is
 * created rather than by a bean condition, which would depend on configuration ordering. The
 * {@code prod} profile refuses to start without SMTP: mail must not silently stay on the server.
 */
@Configuration(proxyBeanMethods = false)
class MailTransportConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MailTransportConfiguration.class);

	@Bean
	MailTransport mailTransport(ObjectProvider<JavaMailSender> sender, NotificationsProperties properties,
			DevMailbox devMailbox, MailSealer sealer, Clock clock, Environment environment) {
		var from = SmtpMailTransport.parseFrom(properties.from());
		JavaMailSender smtp = sender.getIfAvailable();
		if (smtp != null) {
			return new SmtpMailTransport(smtp, from, clock);
		}
		if (environment.acceptsProfiles(Profiles.of("prod"))) {
			throw new StartupRefusal(
					"The prod profile needs an SMTP server: set spring.mail.host (and port, username, password)");
		}
		return new DevMailboxTransport(devMailbox, sealer, clock);
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce(ApplicationReadyEvent event) {
		var context = event.getApplicationContext();
		if (context.getBean(MailTransport.class).isLocalViewer()) {
			log.info("event=notifications.viewer.active url={}/admin/mail (no spring.mail.host: mail is kept "
					+ "in the local mail viewer, for administrators)", context.getBean(BaseUrl.class).value());
		}
		else {
			log.info("event=notifications.smtp.active");
		}
	}
}
