package io.kluis.storage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.identity.TestAccounts;
import io.kluis.shared.AccountId;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.Usage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Trashing an item with its companions ({@code POST /panel/files/api/spaces/<space>/trash}), as the
 * vault client does for a folder and the content directories of its subtree: one trash item, restored
 * and purged as a whole; companions that overlap the item or each other are refused; a restore whose
 * companion path is taken meanwhile is refused whole.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class FilesPanelTrashCompanionsIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	MockMvc mvc;

	@Autowired
	Spaces spaces;

	@Autowired
	FileTree tree;

	@Autowired
	Usage usage;

	Authentication customer;

	AccountId account;

	Space vault;

	@BeforeEach
	void customer() {
		var fixtures = TestAccounts.in(context);
		account = fixtures.verified().id();
		customer = fixtures.authentication(account, true);
		vault = spaces.find(account, Space.DEFAULT_VAULT).orElseThrow();
		for (String folder : new String[] { "d", "d/AA", "d/AA/root", "d/AA/root/link.c9r", "d/BB", "d/BB/child",
				"d/CC", "d/CC/grandchild" }) {
			tree.createFolder(vault, path(folder));
		}
		write("d/AA/root/link.c9r/dir.c9r", "id-1");
		write("d/BB/child/file.c9r", "0123456789");
		write("d/CC/grandchild/deeper.c9r", "abcdefghijklmnopqrst");
	}

	@Test
	@DisplayName("One trash item: the companions leave the live tree, come back at their paths on restore (a gone d/XX folder is made again), and purging frees every byte")
	void trashRestorePurge() throws Exception {
		long before = usage.of(account).used();
		String id = trash("""
				{"path": "d/AA/root/link.c9r", "with": ["d/BB/child", "/d/CC/grandchild/"]}""");
		assertThat(tree.trashItems(vault)).hasSize(1);
		assertThat(tree.resolve(vault, path("d/BB/child"))).isEmpty();
		assertThat(tree.resolve(vault, path("d/CC/grandchild"))).isEmpty();
		tree.purge(vault, tree.resolve(vault, path("d/CC")).orElseThrow());

		mvc.perform(post("/panel/files/api/spaces/vault/trash/" + id + "/restore").with(csrf()).with(authentication(customer)))
			.andExpect(status().isNoContent());
		assertThat(tree.trashItems(vault)).isEmpty();
		assertThat(tree.resolve(vault, path("d/AA/root/link.c9r/dir.c9r"))).isPresent();
		assertThat(tree.resolve(vault, path("d/BB/child/file.c9r"))).isPresent();
		assertThat(tree.resolve(vault, path("d/CC/grandchild/deeper.c9r"))).as("d/CC made again").isPresent();
		assertThat(usage.of(account).used()).isEqualTo(before);

		id = trash("""
				{"path": "d/AA/root/link.c9r", "with": ["d/BB/child", "d/CC/grandchild"]}""");
		mvc.perform(delete("/panel/files/api/spaces/vault/trash/" + id).with(csrf()).with(authentication(customer)))
			.andExpect(status().isNoContent());
		assertThat(tree.children(tree.trash(vault))).isEmpty();
		assertThat(usage.of(account).used()).isEqualTo(before - 4 - 10 - 20);
	}

	@Test
	@DisplayName("A companion path taken meanwhile refuses the restore (409) and leaves the item in the trash")
	void restoreRefusedWhenACompanionPathIsTaken() throws Exception {
		String id = trash("""
				{"path": "d/AA/root/link.c9r", "with": ["d/BB/child"]}""");
		tree.createFolder(vault, path("d/BB/child"));
		mvc.perform(post("/panel/files/api/spaces/vault/trash/" + id + "/restore").with(csrf()).with(authentication(customer)))
			.andExpect(status().isConflict());
		assertThat(tree.trashItems(vault)).hasSize(1);
		assertThat(tree.resolve(vault, path("d/AA/root/link.c9r"))).isEmpty();
	}

	@Test
	@DisplayName("Refused: the root, companions inside or around the item or each other, unknown paths, no CSRF token, another customer's space; a companion cannot be restored or purged on its own")
	void refused() throws Exception {
		expect("{\"path\": \"\"}", 400);
		expect("{\"path\": \"d/AA/root/link.c9r\", \"with\": [\"d/AA/root/link.c9r/dir.c9r\"]}", 403);
		expect("{\"path\": \"d/AA/root/link.c9r\", \"with\": [\"d/AA\"]}", 403);
		expect("{\"path\": \"d/AA/root/link.c9r\", \"with\": [\"d/BB\", \"d/BB/child\"]}", 403);
		expect("{\"path\": \"d/AA/root/link.c9r\", \"with\": [\"d/BB/child\", \"d/BB/child\"]}", 403);
		expect("{\"path\": \"d/AA/root/link.c9r\", \"with\": [\"\"]}", 403);
		expect("{\"path\": \"d/AA/root/link.c9r\", \"with\": [\"d/ZZ/nothing\"]}", 404);
		expect("{\"path\": \"d/AA/root/link.c9r\", \"with\": [\"d/../AA\"]}", 400);
		assertThat(tree.trashItems(vault)).as("nothing moved by a refused request").isEmpty();
		assertThat(tree.resolve(vault, path("d/AA/root/link.c9r"))).isPresent();
		mvc.perform(post("/panel/files/api/spaces/vault/trash").contentType(MediaType.APPLICATION_JSON)
			.content("{\"path\": \"d/AA/root/link.c9r\"}").with(authentication(customer)))
			.andExpect(status().isForbidden());
		var other = TestAccounts.in(context);
		mvc.perform(post("/panel/files/api/spaces/vault/trash").contentType(MediaType.APPLICATION_JSON)
			.content("{\"path\": \"d/AA/root/link.c9r\"}").with(csrf()).with(authentication(other.authentication(other.verified().id(), true))))
			.andExpect(status().isNotFound());

		trash("{\"path\": \"d/AA/root/link.c9r\", \"with\": [\"d/BB/child\"]}");
		UUID companion = tree.children(tree.trashItems(vault).get(0).node()).stream()
			.filter(n -> !n.name().equals("dir.c9r")).findFirst().orElseThrow().id();
		mvc.perform(post("/panel/files/api/spaces/vault/trash/" + companion + "/restore").with(csrf()).with(authentication(customer)))
			.andExpect(status().isNotFound());
		mvc.perform(delete("/panel/files/api/spaces/vault/trash/" + companion).with(csrf()).with(authentication(customer)))
			.andExpect(status().isNotFound());
	}

	private String trash(String body) throws Exception {
		String response = mvc.perform(post("/panel/files/api/spaces/vault/trash").contentType(MediaType.APPLICATION_JSON)
			.content(body).with(csrf()).with(authentication(customer)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return response.replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
	}

	private void expect(String body, int status) throws Exception {
		mvc.perform(post("/panel/files/api/spaces/vault/trash").contentType(MediaType.APPLICATION_JSON)
			.content(body).with(csrf()).with(authentication(customer)))
			.andExpect(status().is(status));
	}

	private void write(String path, String content) {
		byte[] bytes = content.getBytes();
		tree.write(vault, path(path), new ByteArrayInputStream(bytes), bytes.length, null, FileTree.Precondition.NONE);
	}

	private static FilePath path(String path) {
		return FilePath.of(Arrays.stream(path.split("/")).filter(n -> !n.isEmpty()).toList());
	}
}
