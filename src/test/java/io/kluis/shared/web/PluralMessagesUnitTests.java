package io.kluis.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Counts in the interface agree with their nouns: "1 subscriber", "2 subscribers", in English and Dutch. */
class PluralMessagesUnitTests {

	final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	{
		messages.setBasenames("i18n/messages", "i18n/identity", "i18n/audit", "i18n/consent", "i18n/newsletter", "i18n/requests");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
	}

	@Test
	@DisplayName("the newsletter's send report, the audit check, the verification period and the queue's days left count in the singular for one")
	void oneIsSingular() {
		assertThat(en("newsletter.admin.sent", 1, 0)).isEqualTo("Sent to 1 subscriber; none skipped (restriction or objection).");
		assertThat(en("newsletter.admin.sent", 2, 1)).isEqualTo("Sent to 2 subscribers; 1 skipped (restriction or objection).");
		assertThat(en("newsletter.admin.sent", 1200, 3)).startsWith("Sent to 1,200 subscribers; 3 skipped");
		assertThat(nl("newsletter.admin.sent", 1, 2)).isEqualTo("Verstuurd aan 1 abonnee; 2 overgeslagen (beperking of bezwaar).");
		assertThat(en("audit.verify.checked", 1)).isEqualTo("1 entry checked.");
		assertThat(nl("audit.verify.checked", 12)).isEqualTo("12 regels gecontroleerd.");
		assertThat(en("register.done.text", 1)).contains("The link works for 1 day.");
		assertThat(en("register.done.text", 7)).contains("The link works for 7 days.");
		assertThat(nl("register.done.text", 1)).contains("De link werkt 1 dag.");
		assertThat(en("requests.queue.daysLeft", 1L)).isEqualTo("1 day left");
		assertThat(en("requests.queue.daysLeft", 0L)).isEqualTo("due today");
		assertThat(nl("requests.queue.daysLeft", 3L)).isEqualTo("nog 3 dagen");
		assertThat(en("requests.idCopy.handling", 1)).endsWith("in any case after 1 day.");
		assertThat(en("mail.identity.verify-email.validity", 1L)).startsWith("The link works for 1 day.");
		assertThat(nl("mail.identity.verify-email.validity", 7L)).startsWith("De link werkt 7 dagen.");
		assertThat(en("mail.privacy.request-confirm.validity", 1L)).startsWith("The link works for 1 day.");
		assertThat(nl("mail.privacy.request-id-copy.how", 1L)).endsWith("na 1 dag.");
	}

	private String en(String code, Object... args) {
		return messages.getMessage(code, args, Locale.ENGLISH);
	}

	private String nl(String code, Object... args) {
		return messages.getMessage(code, args, Locale.forLanguageTag("nl"));
	}
}
