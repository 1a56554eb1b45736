package io.kluis.storage.vault;

import io.kluis.Browser;
import io.kluis.KluisServerTest;
import io.kluis.identity.TestAccounts;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Spaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/**
 * The set-up the vault's browser tests share: the running server (the one all plain
 * {@link KluisServerTest} classes share), a Chromium per test, the storage services to look at what
 * the server holds, and a new verified customer before each test.
 */
@KluisServerTest
@ExtendWith(Browser.class)
@Tag("browser")
abstract class VaultBrowserTestBase {

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	ApplicationContext context;

	@Autowired
	Spaces spaces;

	@Autowired
	FileTree tree;

	TestAccounts.Known customer;

	@BeforeEach
	void customer() {
		customer = TestAccounts.in(context).verified();
	}
}
