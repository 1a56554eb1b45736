package io.kluis.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.kluis.notifications.Mail;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.web.BrandingProperties;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class MailRendererUnitTests {

	static final EmailAddress ANNA = EmailAddress.of("anna@example.nl");

	final MailRenderer renderer = new MailRenderer(messages(),
			new BrandingProperties("Hosting BV", "", "#123456", "#0a7d5a"), new BaseUrl("https://kluis.example/"));

	@Test
	void theTestMailIsRenderedInDutch() {
		var mail = renderer.render(Mail.to(ANNA).locale(Mail.DUTCH).template("notifications/test").build());

		assertThat(mail.subjectLine()).isEqualTo("Testmail van Hosting BV");
		assertThat(mail.text()).contains("Dit is een testmail", "Hosting BV");
		assertThat(mail.html()).contains("lang=\"nl\"", "<title>Testmail van Hosting BV</title>", "Dit is een testmail",
				"#123456");
		assertThat(mail.recipient()).isEqualTo("anna@example.nl");
	}

	@Test
	void theTestMailIsRenderedInEnglish() {
		var mail = renderer.render(Mail.to(ANNA).locale(Locale.ENGLISH).template("notifications/test").build());

		assertThat(mail.subjectLine()).isEqualTo("Test mail from Hosting BV");
		assertThat(mail.text()).contains("This is a test mail");
		assertThat(mail.html()).contains("lang=\"en\"", "This is a test mail");
	}

	@Test
	void relativeLinksBecomeAbsoluteUnderTheBaseUrlAndAbsoluteLinksStay() {
		var relative = renderer.render(Mail.to(ANNA).locale(Locale.ENGLISH).template("notifications/test")
			.with("link", "/panel?tab=mail&x=1").build());
		var absolute = renderer.render(Mail.to(ANNA).locale(Locale.ENGLISH).template("notifications/test")
			.with("link", "https://kluis.example/verify?token=abc").build());

		assertThat(relative.html()).contains("href=\"https://kluis.example/panel?tab=mail&amp;x=1\"")
			.contains("href=\"https://kluis.example/\"");
		assertThat(relative.text()).contains("https://kluis.example/panel?tab=mail&x=1");
		assertThat(absolute.html()).contains("href=\"https://kluis.example/verify?token=abc\"");
		assertThat(absolute.text()).contains("https://kluis.example/verify?token=abc");
	}

	@Test
	void modelValuesAreEscapedInHtmlAndKeptLiteralInText() {
		var mail = renderer.render(Mail.to(ANNA).locale(Locale.ENGLISH).template("notifications/test")
			.with("note", "<script>alert('x')</script> & more").build());

		assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;");
		assertThat(mail.text()).contains("<script>alert('x')</script> & more");
	}

	@Test
	void aMissingTemplateIsRefusedWithItsName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> renderer.render(Mail.to(ANNA).locale(Locale.ENGLISH).template("nothing/here").build()))
			.withMessageContaining("mail.nothing.here.subject");
	}

	@Test
	void theSubjectKeyReplacesSlashesByDots() {
		assertThat(MailRenderer.subjectKey("identity/verify-email")).isEqualTo("mail.identity.verify-email.subject");
	}

	static ResourceBundleMessageSource messages() {
		var messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/messages", "i18n/notifications");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}
}
