package io.kluis.storage.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.WithMailbox;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.CustomerRegistration;
import io.kluis.identity.account.RegistrationRequest;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The README's WebDAV instructions use {@code /dav/files/}: a customer has that plain space from the
 * moment their address is verified, within {@code kluis.storage.max-spaces}.
 */
@KluisIntegrationTest
class FilesSpaceAtVerificationIntegrationTests extends WithMailbox {

	@Autowired
	CustomerRegistration registration;

	@Autowired
	Accounts accounts;

	@Autowired
	Spaces spaces;

	@Autowired
	StorageProperties properties;

	@Test
	@DisplayName("a customer who verifies their address has a plain space 'files' next to the vault")
	void verifiedCustomerHasAFilesSpace() {
		AccountId account = register();
		assertThat(spaces.existing(account)).as("nothing before verification").isEmpty();

		verify(account);

		await().atMost(Duration.ofSeconds(10)).until(() -> names(account).contains("files"));
		assertThat(spaces.find(account, "files").orElseThrow().kind()).isEqualTo(SpaceKind.PLAIN);
		assertThat(names(account)).containsExactly("files", "vault");
	}

	@Test
	@DisplayName("the files space respects kluis.storage.max-spaces: a customer who already has the maximum gets none")
	void filesSpaceRespectsTheMaximum() {
		AccountId account = register();
		for (int i = 1; i < properties.maxSpaces(); i++) {
			spaces.create(account, "s" + i, SpaceKind.PLAIN);
		}
		assertThat(spaces.existing(account)).hasSize(properties.maxSpaces());

		verify(account);
		AccountId other = register();
		verify(other);
		await().atMost(Duration.ofSeconds(10)).until(() -> names(other).contains("files"));

		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.until(() -> names(account).size() == properties.maxSpaces() && !names(account).contains("files"));
	}

	private AccountId register() {
		String email = "files-" + UUID.randomUUID() + "@example.org";
		registration.register(new RegistrationRequest(email, "glacier tulip harbour violin", "Anna", "de Vries",
				"Kerkstraat 1", "1234 AB", "Utrecht", "NL", LocalDate.of(1990, 4, 2), null, null, true), "192.0.2.10",
				Locale.ENGLISH);
		return accounts.findByEmail(EmailAddress.of(email)).orElseThrow().id();
	}

	private void verify(AccountId account) {
		String email = accounts.findById(account).orElseThrow().email().value();
		assertThat(registration.verify(Mailbox.token(Mailbox.awaitMail(email, 1), "/verify"))).isTrue();
	}

	private List<String> names(AccountId account) {
		return spaces.existing(account).stream().map(Space::name).toList();
	}
}
