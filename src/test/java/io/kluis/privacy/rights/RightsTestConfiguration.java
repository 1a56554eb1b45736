package io.kluis.privacy.rights;

import io.kluis.privacy.register.LegalBasis;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.RegisterLoader;
import io.kluis.privacy.register.RetentionTrigger;
import io.kluis.privacy.register.Text;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.ExportedFile;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ClassPathResource;

/**
 * A module of the test's own that holds personal data, so the rights engine is tested against a
 * holder with records, files and a legal hold whatever real holders exist: category
 * {@value #FILES} (erased on closure) and {@value #INVOICES} (kept under a legal hold). The shipped
 * register is extended with both, so the register coverage check accepts the holder.
 */
@TestConfiguration(proxyBeanMethods = false)
class RightsTestConfiguration {

	static final String MODULE = "rights-test";

	static final String FILES = "test-files";

	static final String INVOICES = "test-invoices";

	@Bean
	@Primary
	ProcessingRegister rightsTestRegister() {
		var shipped = RegisterLoader.load(new ClassPathResource("privacy/register.yml"));
		var categories = new ArrayList<>(shipped.categories());
		categories.add(new ProcessingRegister.Category(FILES, new Text("Testbestanden", "Test files"),
				new Text("notities en bijlagen", "notes and attachments"), false, MODULE));
		categories.add(new ProcessingRegister.Category(INVOICES, new Text("Testfacturen", "Test invoices"),
				new Text("factuurregels", "invoice lines"), false, MODULE));
		var purposes = new ArrayList<>(shipped.purposes());
		purposes.add(new ProcessingRegister.Purpose("test-service", new Text("Testdienst", "Test service"),
				new Text("Om de testdienst te leveren.", "To provide the test service."), LegalBasis.CONTRACT, null,
				List.of(FILES, INVOICES), List.of("customer")));
		var retention = new ArrayList<>(shipped.retention());
		retention.add(new ProcessingRegister.RetentionRule(FILES, FILES, RetentionTrigger.ACCOUNT_CLOSED, Period.ZERO,
				new Text("Tot opzegging.", "Until closure."), null));
		retention.add(new ProcessingRegister.RetentionRule(INVOICES, INVOICES, RetentionTrigger.ACCOUNT_CLOSED,
				Period.ofYears(7), new Text("7 jaar na opzegging.", "7 years after closure."),
				new Text("Fiscale bewaarplicht (art. 52 AWR)", "Fiscal retention duty (art. 52 AWR)")));
		return new ProcessingRegister(shipped.version(), shipped.provider(), shipped.subjects(), categories, purposes,
				shipped.recipients(), retention, shipped.cookies(), shipped.statements());
	}

	@Bean
	TestHolder testHolder() {
		return new TestHolder();
	}

	/** Holds notes (with a file each) and invoices per account, in memory; records every call. */
	static class TestHolder implements PersonalDataHolder {

		final Map<AccountId, List<String>> notes = new ConcurrentHashMap<>();

		final Map<AccountId, String> invoices = new ConcurrentHashMap<>();

		final List<String> calls = new CopyOnWriteArrayList<>();

		/** An export of an account with a gate waits until the test opens it (to observe "building"). */
		final Map<AccountId, java.util.concurrent.CountDownLatch> gates = new ConcurrentHashMap<>();

		/**
		 * An extra file per account, {@code big/blob.bin}, of these bytes; with {@link #failingAfter}, a file
		 * {@code big/broken.bin} whose reading fails after that many bytes (a blob store that broke mid-export).
		 */
		final Map<AccountId, byte[]> bigFiles = new ConcurrentHashMap<>();

		final Map<AccountId, Integer> failingAfter = new ConcurrentHashMap<>();

		void store(AccountId account, String note, String invoice) {
			notes.computeIfAbsent(account, a -> new CopyOnWriteArrayList<>()).add(note);
			invoices.put(account, invoice);
		}

		@Override
		public String module() {
			return MODULE;
		}

		@Override
		public Set<String> categories() {
			return Set.of(FILES, INVOICES);
		}

		@Override
		public Set<String> keptOnErasure() {
			return Set.of(INVOICES);
		}

		@Override
		public List<ExportedCategory> export(DataSubject subject) {
			var account = subject.account();
			if (account == null) {
				return List.of(ExportedCategory.of(FILES, List.of("note", "number", "createdAt"), List.of()));
			}
			var gate = gates.get(account);
			if (gate != null) {
				try {
					gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			var records = new ArrayList<Map<String, Object>>();
			var files = new ArrayList<ExportedFile>();
			int i = 0;
			for (String note : notes.getOrDefault(account, List.of())) {
				var row = new LinkedHashMap<String, Object>();
				row.put("note", note);
				row.put("number", ++i);
				row.put("createdAt", Instant.parse("2026-01-02T03:04:05Z"));
				records.add(row);
				byte[] content = ("file, with \"quotes\": " + note).getBytes(StandardCharsets.UTF_8);
				files.add(new ExportedFile("notes/../" + i + ".txt", content.length, () -> new ByteArrayInputStream(content)));
			}
			var big = bigFiles.get(account);
			if (big != null) {
				files.add(new ExportedFile("big/blob.bin", big.length, () -> new ByteArrayInputStream(big)));
			}
			var failing = failingAfter.get(account);
			if (failing != null) {
				files.add(new ExportedFile("big/broken.bin", failing + 1L, () -> new java.io.InputStream() {
					int read;

					@Override
					public int read() throws java.io.IOException {
						if (read++ >= failing) {
							throw new java.io.IOException("broken blob store");
						}
						return read & 0xff;
					}
				}));
			}
			var result = new ArrayList<ExportedCategory>();
			result.add(new ExportedCategory(FILES, List.of("note", "number", "createdAt"), records, files));
			if (invoices.containsKey(account)) {
				result.add(ExportedCategory.of(INVOICES, List.of("line"), List.of(Map.of("line", invoices.get(account)))));
			}
			return result;
		}

		@Override
		public Erased erase(DataSubject subject) {
			calls.add("erase:" + subject.account());
			if (subject.account() == null) {
				return Erased.none();
			}
			var removed = notes.remove(subject.account());
			boolean held = invoices.containsKey(subject.account());
			return new Erased(removed == null ? Map.of() : Map.of(FILES, removed.size()),
					held ? Map.of(INVOICES, 1) : Map.of());
		}

		@Override
		public int applyRetention(String category, Instant cutoff, boolean dryRun) {
			return 0;
		}

		@Override
		public void restrict(DataSubject subject) {
			calls.add("restrict:" + subject.account());
		}

		@Override
		public void liftRestriction(DataSubject subject) {
			calls.add("lift:" + subject.account());
		}
	}
}
