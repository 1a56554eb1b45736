package io.kluis.billing.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisApplication;
import io.kluis.KluisIntegrationTest;
import io.kluis.shared.AccountId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 10, acceptance 2: invoice numbers are gap-free and strictly increasing per calendar year with
 * two Kluis nodes on one database. The second node is a second Spring application context started here
 * on the first one's database (the same H2 in-memory database by URL, or the PostgreSQL database of
 * the {@code postgresql} profile) and key store; 16 threads on each node issue invoices at once. The
 * test fails on any duplicate, on any gap among the numbers handed out, and on any gap in the year's
 * stored sequence.
 */
@KluisIntegrationTest
// Like a production node: fewer connections than threads, so threads also queue for a connection (on a
// busy machine longer than Hikari's default 30 s).
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=8",
		"spring.datasource.hikari.connection-timeout=180000" })
class InvoiceNumberingIntegrationTests {

	static final int THREADS_PER_NODE = 16;

	static final int INVOICES_PER_THREAD = 8;

	@Autowired
	ConfigurableApplicationContext first;

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("BIL-1 (issue 10, acceptance 2): 16 threads on each of two nodes issue invoices at once; the numbers have no gap and no duplicate")
	void twoNodesIssueGapFreeNumbers() throws Exception {
		var env = first.getEnvironment();
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(KluisApplication.class)
			.profiles("test")
			// as arguments: they outrank application.yml, which names a datasource of its own
			.run("--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
					"--spring.datasource.username=" + env.getProperty("spring.datasource.username", "sa"),
					"--spring.datasource.password=" + env.getProperty("spring.datasource.password", ""),
					"--kluis.data-dir=" + env.getProperty("kluis.data-dir"), "--kluis.jobs.enabled=false",
					"--server.port=0", "--spring.datasource.hikari.maximum-pool-size=8",
					"--spring.datasource.hikari.connection-timeout=180000")) {
			assertThat(second.getEnvironment().getProperty("spring.datasource.url"))
				.isEqualTo(env.getProperty("spring.datasource.url"));
			var nodes = List.of(first.getBean(Invoicing.class), second.getBean(Invoicing.class));
			var numbers = new ConcurrentLinkedQueue<String>();
			var pool = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
			var start = new CountDownLatch(1);
			try {
				var tasks = new ArrayList<Future<?>>();
				for (var node : nodes) {
					for (int t = 0; t < THREADS_PER_NODE; t++) {
						tasks.add(pool.submit((Callable<Void>) () -> {
							start.await();
							for (int i = 0; i < INVOICES_PER_THREAD; i++) {
								numbers.add(node.issue(new InvoiceRequest(AccountId.random(),
										InvoicingIntegrationTests.customerNumber(), InvoicingIntegrationTests.consumer("NL"),
										InvoicingIntegrationTests.lines())).number());
							}
							return null;
						}));
					}
				}
				start.countDown();
				for (var task : tasks) {
					task.get(5, TimeUnit.MINUTES);
				}
			}
			finally {
				pool.shutdownNow();
			}

			int expected = 2 * THREADS_PER_NODE * INVOICES_PER_THREAD;
			assertThat(numbers).hasSize(expected);
			assertThat(new HashSet<>(numbers)).as("no duplicate").hasSize(expected);
			var years = numbers.stream().map(n -> n.substring(0, 4)).distinct().toList();
			for (String year : years) {
				var sequence = new ArrayList<Long>(numbers.stream()
					.filter(n -> n.startsWith(year + "-"))
					.map(n -> Long.parseLong(n.substring(5)))
					.toList());
				Collections.sort(sequence);
				long low = sequence.get(0);
				// Ours are consecutive, unless another test issued in between on a shared database:
				// then the year's stored sequence below still has to be whole.
				if (!io.kluis.TestDatabase.postgresql()) {
					assertThat(sequence).as("gap-free").containsExactlyElementsOf(
							LongStream.rangeClosed(low, low + sequence.size() - 1).boxed().toList());
				}
				var stored = jdbc.sql("select sequence_number from billing_invoices where fiscal_year = ? "
						+ "order by sequence_number")
					.param(Integer.parseInt(year))
					.query(Long.class)
					.list();
				long last = jdbc.sql("select last_number from billing_invoice_counters where fiscal_year = ?")
					.param(Integer.parseInt(year))
					.query(Long.class)
					.single();
				assertThat(stored).as("the year's whole stored sequence is 1..n without a gap")
					.containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
				assertThat(stored).containsAll(sequence);
			}
		}
	}
}
