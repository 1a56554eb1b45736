package io.kluis.privacy.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.DatabaseScan;
import io.kluis.FileScan;
import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.TestClock;
import io.kluis.shared.AccountId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The ID copy, the last resort of the identity check (RIG-7, seed 002): asked for with a reason,
 * uploaded with the instruction to black out photo and BSN, stored encrypted, viewable once, and
 * deleted with its key right after the check or after 7 days; only the fact that it existed remains.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
class IdCopyIntegrationTests extends RequestsIntegrationTestBase {

	@Autowired
	IdCopies idCopies;

	@Value("${kluis.data-dir}")
	String dataDir;

	@Test
	@DisplayName("RIG-7: an ID copy is stored encrypted (no plaintext in the database or data directory), viewable once, and deleted with its key right after the check")
	void anIdCopyIsEncryptedViewableOnceAndDeletedAfterTheCheck() throws Exception {
		String email = uniqueEmail("idcopy");
		DataSubjectRequest request = confirmedRequest(RequestKind.ACCESS, email);
		String statusToken = statusToken(email);
		AccountId officer = privacyOfficer();
		askForIdCopy(request, officer);
		assertThat(Mailbox.awaitMails(email, 3)).anySatisfy(m -> assertThat(Mailbox.body(m))
			.contains("Black out your passport photo and citizen service number (BSN) first", "The address on file is a shared mailbox"));
		assertThat(statusPage(statusToken, "nl")).contains("pasfoto", "burgerservicenummer (BSN)", "zwart");
		assertThat(statusPage(statusToken, "en")).contains("black out your passport photo", "(BSN)");

		String marker = "KLUIS-ID-COPY-" + UUID.randomUUID();
		byte[] copy = png(marker);
		upload(statusToken, copy).andExpect(status().is3xxRedirection());

		assertThat(reload(request).identityCheck()).isEqualTo(IdentityCheck.ID_COPY_RECEIVED);
		var scan = new DatabaseScan(jdbc);
		assertThat(scan.count("privacy_request_id_copies", "where request_id = ?", List.of(request.id().value()))).isOne();
		assertThat(scan.everywhere(List.of(marker))).isEmpty();
		assertThat(filesContaining(marker)).isEmpty();

		var first = mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/id-copy/view"), officer))
			.andExpect(status().isOk()).andReturn().getResponse();
		assertThat(first.getContentType()).isEqualTo("image/png");
		assertThat(first.getContentAsByteArray()).isEqualTo(copy);
		mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/id-copy/view"), officer))
			.andExpect(status().isGone());

		UUID copyKey = copyKeyOwner(request);
		mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/id-copy/verified"), officer))
			.andExpect(status().is3xxRedirection());

		assertThat(scan.count("privacy_request_id_copies", "where request_id = ?", List.of(request.id().value()))).isZero();
		assertThat(cipher.isDestroyed(new AccountId(copyKey))).isTrue();
		var verified = reload(request);
		assertThat(verified.identityCheck()).isEqualTo(IdentityCheck.ID_VERIFIED);
		assertThat(timeline.of(verified)).extracting(TimelineEntry::kind).containsSubsequence(
				TimelineEntry.Kind.ID_COPY_REQUESTED, TimelineEntry.Kind.ID_COPY_UPLOADED, TimelineEntry.Kind.ID_COPY_VIEWED,
				TimelineEntry.Kind.ID_COPY_DELETED, TimelineEntry.Kind.ID_VERIFIED);
		assertThat(timeline.of(verified)).filteredOn(e -> e.kind() == TimelineEntry.Kind.ID_COPY_UPLOADED)
			.singleElement()
			.satisfies(e -> assertThat(e.detail()).isEqualTo("image/png, " + copy.length + " bytes"));
		// Identity established: the request can now be carried out.
		mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/fulfil"), officer));
		assertThat(timelineKinds(request)).contains(TimelineEntry.Kind.FULFILLED);
	}

	@Test
	@DisplayName("RIG-7: an ID copy nobody checked is deleted with its key after 7 days")
	void anUncheckedIdCopyIsDeletedAfterSevenDays() throws Exception {
		String email = uniqueEmail("idexpiry");
		DataSubjectRequest request = confirmedRequest(RequestKind.ERASURE, email);
		String statusToken = statusToken(email);
		askForIdCopy(request, privacyOfficer());
		upload(statusToken, png("expiring " + UUID.randomUUID())).andExpect(status().is3xxRedirection());
		UUID copyKey = copyKeyOwner(request);

		clock.advance(Duration.ofDays(7).minusMinutes(1));
		idCopies.deleteExpired();
		assertThat(copyStored(request)).isTrue();

		clock.advance(Duration.ofMinutes(2));
		idCopies.deleteExpired();
		assertThat(copyStored(request)).isFalse();
		assertThat(cipher.isDestroyed(new AccountId(copyKey))).isTrue();
		assertThat(timeline.of(request)).filteredOn(e -> e.kind() == TimelineEntry.Kind.ID_COPY_DELETED)
			.singleElement()
			.satisfies(e -> assertThat(e.detail()).isEqualTo("EXPIRED"));
	}

	@Test
	@DisplayName("RIG-7: only images and PDFs (by content) are accepted, and only after the privacy officer asked for a copy")
	void onlyRequestedImagesAndPdfsAreAccepted() throws Exception {
		String email = uniqueEmail("idrefused");
		DataSubjectRequest request = confirmedRequest(RequestKind.ACCESS, email);
		String statusToken = statusToken(email);

		var unasked = upload(statusToken, png("unasked")).andReturn();
		assertThat(unasked.getFlashMap().get("refused")).isEqualTo("id-copy-not-requested");

		askForIdCopy(request, privacyOfficer());
		var script = new MockMultipartFile("file", "passport.png", "image/png",
				"<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
		var wrongType = mvc.perform(multipart("/requests/status/id-copy").file(script).param("token", statusToken)
			.with(csrf())).andReturn();
		assertThat(wrongType.getFlashMap().get("refused")).isEqualTo("id-copy-type");
		assertThat(copyStored(request)).isFalse();

		var pdf = ("%PDF-1.7\n" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
		upload(statusToken, pdf).andExpect(status().is3xxRedirection());
		assertThat(copyStored(request)).isTrue();
	}

	@Test
	@DisplayName("RIG-7: asking for an ID copy needs a reason")
	void askingForAnIdCopyNeedsAReason() throws Exception {
		DataSubjectRequest request = confirmedRequest(RequestKind.ACCESS, uniqueEmail("noreason"));
		var result = mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/id-copy/request"),
				privacyOfficer()).param("reason", "  ")).andReturn();
		assertThat(result.getFlashMap().get("invalid")).isEqualTo("requests.invalid.reason");
		assertThat(reload(request).identityCheck()).isEqualTo(IdentityCheck.EMAIL_CONFIRMED);
	}

	private void askForIdCopy(DataSubjectRequest request, AccountId officer) throws Exception {
		mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/id-copy/request"), officer)
			.param("reason", "The address on file is a shared mailbox.")).andExpect(status().is3xxRedirection());
	}

	private org.springframework.test.web.servlet.ResultActions upload(String statusToken, byte[] content) throws Exception {
		return mvc.perform(multipart("/requests/status/id-copy")
			.file(new MockMultipartFile("file", "id.png", "image/png", content))
			.param("token", statusToken)
			.with(csrf()));
	}

	private String statusPage(String token, String lang) throws Exception {
		return mvc.perform(get("/requests/status").param("token", token).param("lang", lang)).andReturn().getResponse()
			.getContentAsString();
	}

	private String statusToken(String email) {
		return Mailbox.token(Mailbox.withLink(Mailbox.awaitMails(email, 2), "/requests/status"), "/requests/status");
	}

	private boolean copyStored(DataSubjectRequest request) {
		return new DatabaseScan(jdbc).count("privacy_request_id_copies", "where request_id = ?",
				List.of(request.id().value())) > 0;
	}

	private UUID copyKeyOwner(DataSubjectRequest request) {
		return jdbc.sql("select key_owner from privacy_request_id_copies where request_id = ?")
			.param(request.id().value())
			.query(UUID.class)
			.single();
	}

	/** A PNG signature followed by a text chunk with the marker: what a scan must not find in plaintext. */
	private static byte[] png(String marker) throws IOException {
		var out = new ByteArrayOutputStream();
		out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		out.write(("tEXtComment\0" + marker + " photo BSN 123456782").getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	private List<Path> filesContaining(String marker) {
		Path root = Path.of(dataDir);
		return Files.exists(root) ? FileScan.filesContaining(root, marker) : List.of();
	}
}
