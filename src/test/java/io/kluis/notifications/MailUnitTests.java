package io.kluis.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MailUnitTests {

	static final EmailAddress ANNA = EmailAddress.of("anna.jansen@example.nl");

	@Test
	void aMailDefaultsToTransactionalWithoutHeaders() {
		var mail = Mail.to(ANNA).locale(Mail.DUTCH).template("notifications/test").build();

		assertThat(mail.category()).isEqualTo(MailCategory.TRANSACTIONAL);
		assertThat(mail.headers()).isEmpty();
		assertThat(mail.subject()).isNull();
	}

	@Test
	void languagesOtherThanDutchAreMailedInEnglish() {
		assertThat(mail(Locale.forLanguageTag("nl-BE")).locale()).isEqualTo(Mail.DUTCH);
		assertThat(mail(Locale.GERMAN).locale()).isEqualTo(Locale.ENGLISH);
		assertThat(mail(Locale.UK).locale()).isEqualTo(Locale.ENGLISH);
	}

	@Test
	void toStringNamesTheTemplateButNeverTheAddressOrModelValues() {
		var mail = Mail.to(ANNA).locale(Locale.ENGLISH).template("identity/verify-email")
			.subject(AccountId.random()).with("token", "s3cr3t-token").with("name", "Anna Jansen").build();

		assertThat(mail.toString()).contains("identity/verify-email", "token")
			.doesNotContain("anna", "example.nl", "s3cr3t-token", "Anna Jansen");
	}

	@Test
	void oneClickUnsubscribeSetsBothRfc8058Headers() {
		var mail = Mail.to(ANNA).locale(Locale.ENGLISH).template("newsletter/issue").category(MailCategory.MARKETING)
			.oneClickUnsubscribe("https://kluis.example/unsubscribe/abc").build();

		assertThat(mail.headers()).containsEntry("List-Unsubscribe", "<https://kluis.example/unsubscribe/abc>")
			.containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
	}

	@Test
	void headersTheTransportOwnsCannotBeSet() {
		for (String name : List.of("From", "to", "Bcc", "Subject", "Message-ID", "Content-Type")) {
			assertThatIllegalArgumentException().isThrownBy(() -> builder().header(name, "x").build());
		}
	}

	@Test
	void headerValuesCannotStartANewHeaderLine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder().header("X-Campaign", "spring\r\nBcc: victim@example.org").build())
			.withMessageNotContaining("victim");
	}

	@Test
	void modelValuesMustBeSimpleValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().with("account", new Object()).build())
			.withMessageContaining("account");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().with("items", List.of("a")).build());
		assertThat(builder().with("count", 3).with("verified", true).with("until", java.time.Instant.EPOCH).build()
			.model()).containsKeys("count", "verified", "until");
	}

	@Test
	void modelNamesTheRendererProvidesAreReserved() {
		for (String reserved : Mail.RESERVED_MODEL_KEYS) {
			assertThatIllegalArgumentException().isThrownBy(() -> builder().with(reserved, "x").build());
		}
	}

	@Test
	void templateNamesCannotLeaveTheMailTemplateFolder() {
		for (String name : List.of("test", "../layout", "notifications/../../layout", "Notifications/Test", "/abs/x")) {
			assertThatIllegalArgumentException().isThrownBy(() -> builder().template(name).build());
		}
	}

	@Test
	void aMailNeedsALocaleAndATemplate() {
		assertThatIllegalStateException().isThrownBy(() -> Mail.to(ANNA).template("notifications/test").build());
		assertThatIllegalStateException().isThrownBy(() -> Mail.to(ANNA).locale(Locale.ENGLISH).build());
	}

	@Test
	void theModelCannotBeChangedAfterBuilding() {
		var builder = builder().with("a", "1");
		var mail = builder.build();
		builder.with("b", "2");

		assertThat(mail.model()).containsOnlyKeys("a");
	}

	private static Mail mail(Locale locale) {
		return Mail.to(ANNA).locale(locale).template("notifications/test").build();
	}

	private static Mail.Builder builder() {
		return Mail.to(ANNA).locale(Locale.ENGLISH).template("notifications/test");
	}
}
