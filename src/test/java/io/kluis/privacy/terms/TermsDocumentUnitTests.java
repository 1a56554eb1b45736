package io.kluis.privacy.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.shared.StartupRefusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

class TermsDocumentUnitTests {

	@TempDir
	Path dir;

	@Test
	@DisplayName("the shipped terms declare a version, in English and Dutch")
	void shippedTermsHaveAVersionInBothLanguages() {
		var terms = TermsDocument.load(new ClassPathResource("privacy/terms.md"));
		assertThat(terms.version()).isEqualTo("2026-12");
		assertThat(terms.in(Locale.ENGLISH)).contains("<h2>Placeholder terms of service</h2>")
			.contains("<a href=\"/privacy\">privacy statement</a>");
		assertThat(terms.in(Locale.forLanguageTag("nl"))).contains("<h2>Voorlopige gebruiksvoorwaarden</h2>");
		assertThat(terms.hash()).hasSize(64);
	}

	@Test
	@DisplayName("a provider's Markdown is rendered with everything escaped: no markup, no script links")
	void markdownIsEscaped() throws IOException {
		var terms = load("terms.md", "---\nversion: v1\n---\n# Our <b>terms</b>\n\nA *b* **c** [d](javascript:alert(1)) "
				+ "[e](https://example.org/x?a=1&b=2)\n<script>alert(1)</script>\n\n1. one\n2. two\n- three\n");
		assertThat(terms.in(Locale.ENGLISH)).isEqualTo("<h2>Our &lt;b&gt;terms&lt;/b&gt;</h2>\n"
				+ "<p>A <em>b</em> <strong>c</strong> [d](javascript:alert(1)) "
				+ "<a href=\"https://example.org/x?a=1&amp;b=2\">e</a> &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
				+ "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n<ul>\n<li>three</li>\n</ul>\n");
	}

	@Test
	@DisplayName("an HTML document is the provider's own and shown as written")
	void htmlIsShownAsWritten() throws IOException {
		var terms = load("terms.html", "---\nversion: 3\n---\n<h2>Terms</h2><p>As <i>written</i>.</p>\n");
		assertThat(terms.version()).isEqualTo("3");
		assertThat(terms.in(Locale.ENGLISH)).isEqualTo("<h2>Terms</h2><p>As <i>written</i>.</p>\n");
	}

	@Test
	@DisplayName("terms without a version, with a translation of another version, or missing refuse the start")
	void termsWithoutAVersionRefuseTheStart() throws IOException {
		assertThatThrownBy(() -> load("a.md", "# Terms\n")).isInstanceOf(StartupRefusal.class)
			.hasMessageContaining("declare no version");
		Files.writeString(dir.resolve("b_nl.md"), "---\nversion: 2\n---\nTekst\n");
		assertThatThrownBy(() -> load("b.md", "---\nversion: 1\n---\nText\n")).isInstanceOf(StartupRefusal.class)
			.hasMessageContaining("declare version 2");
		assertThatThrownBy(() -> TermsDocument.load(new FileSystemResource(dir.resolve("none.md"))))
			.isInstanceOf(StartupRefusal.class).hasMessageContaining("do not exist");
	}

	@Test
	@DisplayName("one version names one text: changing a word changes the hash")
	void theHashCoversTheText() throws IOException {
		String first = load("c.md", "---\nversion: 1\n---\nText\n").hash();
		assertThat(load("c.md", "---\nversion: 1\n---\nText!\n").hash()).isNotEqualTo(first);
	}

	private TermsDocument load(String name, String text) throws IOException {
		Path file = dir.resolve(name);
		Files.writeString(file, text);
		return TermsDocument.load(new FileSystemResource(file));
	}
}
