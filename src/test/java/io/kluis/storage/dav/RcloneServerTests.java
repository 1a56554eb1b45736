package io.kluis.storage.dav;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.ExternalPrograms;
import io.kluis.KluisServerTest;
import io.kluis.storage.StorageCustomers;
import io.kluis.storage.ClientTestTree;
import io.kluis.storage.Command;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/**
 * Issue 4, acceptance 1: rclone (Debian's package) with a WebDAV remote on a plain space, and a
 * crypt remote on top of it (how a technical user gets client-side encryption today), copies
 * {@link ClientTestTree} (1 000 files and one of 1 GiB) to Kluis and back with identical SHA-256.
 * The remotes are configured the way the README tells customers to: vendor {@code other}, the
 * account's email and an app password, obscured by {@code rclone obscure}.
 */
@KluisServerTest
@ExternalPrograms.Needs(value = "rclone", packages = "rclone")
class RcloneServerTests {

	/** rclone adds a 32-byte header and 16 bytes per 64 KiB block to every file of a crypt remote. */
	static final long ENCRYPTED_BIG_SIZE = 32 + ClientTestTree.BIG_SIZE + 16 * (ClientTestTree.BIG_SIZE / 65536);

	static final Duration TRANSFER_LIMIT = Duration.ofMinutes(10);

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	ApplicationContext context;

	@Autowired
	Spaces spaces;

	@Autowired
	FileTree tree;

	final ClientTestTree files = ClientTestTree.standard();

	final List<Space> created = new ArrayList<>();

	Path work;

	Path config;

	@BeforeEach
	void rcloneConfiguredForACustomer() throws IOException {
		var customer = StorageCustomers.in(context).withAppPassword("rclone");
		created.add(spaces.create(customer.id(), "rclone", SpaceKind.PLAIN));
		created.add(spaces.create(customer.id(), "encrypted", SpaceKind.PLAIN));
		work = Files.createTempDirectory(Path.of("target"), "rclone-");
		config = work.resolve("rclone.conf");
		String conf = """
				[kluis]
				type = webdav
				url = %s/dav/
				vendor = other
				user = %s
				pass = %s

				[private]
				type = crypt
				remote = kluis:encrypted
				password = %s
				password2 = %s
				""".formatted(baseUrl, customer.email(), obscure(customer.appPassword()), obscure("a passphrase only the customer knows"),
				obscure("and a salt the customer keeps"));
		Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(config, conf);
	}

	@AfterEach
	void cleanUp() {
		created.forEach(tree::eraseSpace);
		ClientTestTree.deleteQuietly(work);
	}

	@Test
	@DisplayName("rclone copies 1 000 files and a 1 GiB file to a plain space and back with identical SHA-256; rclone check finds no difference")
	void plainRemoteRoundTrip() {
		rclone("upload", "copy", files.root().toString(), "kluis:rclone/tree");
		String check = rclone("check", "check", files.root().toString(), "kluis:rclone/tree");
		assertThat(check).contains("0 differences found", (files.sha256().size()) + " matching files");
		Path back = work.resolve("back");
		rclone("download", "copy", "kluis:rclone/tree", back.toString());
		files.assertSameFiles(back);
	}

	@Test
	@DisplayName("an rclone crypt remote on Kluis round-trips the same tree with identical SHA-256, and the server holds neither plaintext nor plaintext names")
	void cryptRemoteRoundTrip() throws IOException {
		rclone("crypt-upload", "copy", files.root().toString(), "private:tree");
		Path back = work.resolve("back");
		rclone("crypt-download", "copy", "private:tree", back.toString());
		files.assertSameFiles(back);

		Space space = created.get(1);
		List<Node> stored = filesIn(space);
		assertThat(stored).hasSize(files.sha256().size());
		assertThat(stored).extracting(Node::size).as("the big file is stored with crypt's overhead, not as plaintext")
			.contains(ENCRYPTED_BIG_SIZE)
			.doesNotContain(ClientTestTree.BIG_SIZE);
		for (Node node : stored) {
			assertThat(ClientTestTree.containsMarker(tree.open(node, 0, node.size())))
				.as("a stored file contains plaintext").isFalse();
		}
		assertThat(namesIn(space)).as("file and folder names on the server are encrypted")
			.doesNotContainAnyElementsOf(files.names());
	}

	private String rclone(String step, String... arguments) {
		var command = new ArrayList<String>(List.of("--config", config.toString(), "--retries", "1",
				"--low-level-retries", "1", "-v"));
		command.addAll(List.of(arguments));
		return Command.run(work.resolve(step + ".log"), Map.of(), null, TRANSFER_LIMIT, "rclone",
				command.toArray(String[]::new));
	}

	private String obscure(String secret) {
		// from standard input, so the secret is never on a command line other processes can read
		return Command.run(work.resolve("obscure.log"), Map.of(), secret, Duration.ofSeconds(30), "rclone", "obscure", "-")
			.strip();
	}

	private List<Node> filesIn(Space space) {
		return subtree(space).stream().filter(n -> !n.collection()).toList();
	}

	private List<String> namesIn(Space space) {
		return subtree(space).stream().map(Node::name).toList();
	}

	private List<Node> subtree(Space space) {
		var nodes = new ArrayList<Node>();
		var pending = new ArrayList<>(tree.children(tree.resolve(space, FilePath.ROOT).orElseThrow()));
		while (!pending.isEmpty()) {
			Node node = pending.remove(pending.size() - 1);
			nodes.add(node);
			if (node.collection()) {
				pending.addAll(tree.children(node));
			}
		}
		return nodes;
	}
}
