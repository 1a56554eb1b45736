package io.kluis.privacy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.privacy.register.ProcessingRegister.RetentionRule;
import io.kluis.privacy.register.RetentionTrigger;
import io.kluis.privacy.register.Text;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class PolicyTextUnitTests {

	static final Locale DUTCH = Locale.forLanguageTag("nl");

	final ResourceBundleMessageSource messages = messages();

	@Test
	@DisplayName("RET-1: a retention period reads as words in Dutch and English")
	void retentionPeriodsReadAsWords() {
		var dutch = new PolicyText(RegisterDiffUnitTests.REGISTER, messages, DUTCH);
		var english = new PolicyText(RegisterDiffUnitTests.REGISTER, messages, Locale.ENGLISH);
		var closed = rule(RetentionTrigger.ACCOUNT_CLOSED, Period.ofDays(30));

		assertThat(dutch.retention(closed)).isEqualTo("30 dagen na opzegging van uw account");
		assertThat(english.retention(closed)).isEqualTo("30 days after you close your account");
		assertThat(dutch.retention(rule(RetentionTrigger.FISCAL_YEAR_END, Period.ofYears(7))))
			.isEqualTo("7 jaar na het einde van het boekjaar");
		assertThat(english.retention(rule(RetentionTrigger.RECORDED, Period.of(1, 6, 1))))
			.isEqualTo("1 year, 6 months and 1 day after it was recorded");
		assertThat(dutch.retention(rule(RetentionTrigger.ACCOUNT_CLOSED, Period.ZERO))).isEqualTo("tot u uw account opzegt");
	}

	@Test
	@DisplayName("PUR-1: a legal basis is named in words with its article 6(1) letter")
	void legalBasisNamesTheArticleLetter() {
		var dutch = new PolicyText(RegisterDiffUnitTests.REGISTER, messages, DUTCH);
		assertThat(dutch.basis(io.kluis.privacy.register.LegalBasis.LEGITIMATE_INTEREST))
			.isEqualTo("ons gerechtvaardigd belang (AVG artikel 6 lid 1 onder f)");
		assertThat(new PolicyText(RegisterDiffUnitTests.REGISTER, messages, Locale.ENGLISH)
			.basis(io.kluis.privacy.register.LegalBasis.CONTRACT))
			.isEqualTo("performance of our contract with you (GDPR article 6(1)(b))");
	}

	@Test
	@DisplayName("Art. 30 CSV: one row per purpose and category; commas, quotes and formulas are escaped")
	void art30CsvHasOneRowPerPurposeAndCategory() {
		var register = RegisterDiffUnitTests.REGISTER;
		var text = new PolicyText(register, messages, Locale.ENGLISH);
		var rows = Art30Record.rows(register, text, "none");
		int expected = register.purposes().stream().mapToInt(p -> p.categories().size()).sum();
		assertThat(rows).hasSize(expected);

		String csv = Art30Record.csv(List.of(new Art30Record.Row("a", "=cmd()", "say \"hi\", then", "b", "", "c", "d",
				false, "e", "f", "g", "h")), List.of("h1", "h2"));
		assertThat(csv).startsWith("\uFEFFh1,h2\r\n").contains("a,'=cmd(),\"say \"\"hi\"\", then\",b,,c,d,no,e,f,g,h\r\n");
	}

	private static RetentionRule rule(RetentionTrigger trigger, Period period) {
		return new RetentionRule("r", "contact-email", trigger, period, new Text("x", "x"), null);
	}

	private static ResourceBundleMessageSource messages() {
		var source = new ResourceBundleMessageSource();
		source.setBasenames("i18n/privacy");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}
}
