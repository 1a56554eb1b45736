package io.kluis.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.billing.BillingIntegrationTest;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.ExportedCategory;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Payments through the Mollie adapter against an in-test Mollie: the webhook never trusts its body
 * (it fetches the payment from the API), is idempotent (one state change, one
 * {@link PaymentReceived}), answers 200 for ids it does not know and 400 for malformed bodies; a
 * first payment leaves a sealed mandate that recurring charges use, which the customer's export shows
 * and erasure removes while the payments (fiscal record) stay.
 */
@RecordApplicationEvents
@ExtendWith(OutputCaptureExtension.class)
class PaymentsMollieIntegrationTests extends BillingIntegrationTest {

	static final String WEBHOOK = "/api/v1/billing/payments/webhook/mollie";

	static final URI BACK = URI.create("http://localhost:8080/panel/billing");

	@Autowired
	MockMvc mvc;

	@Autowired
	Payments payments;

	@Autowired
	PaymentsDataHolder holder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@Test
	@DisplayName("BIL-1: open → paid by webhook: fetched from Mollie, recorded once, PaymentReceived published once")
	void webhookRecordsPaidOnce() throws Exception {
		AccountId account = AccountId.random();
		StartedPayment started = payments.start(account, "invoice-A1", EuroAmount.of("24.20"), "Factuur 2026-000010", BACK);
		assertThat(started.checkoutUrl()).isNotNull();
		assertThat(started.payment().status()).isEqualTo(PaymentStatus.OPEN);
		String id = started.payment().providerPaymentId();

		webhook("id=" + id).andExpect(status().isOk());
		assertThat(payments.find(started.payment().id()).orElseThrow().status()).isEqualTo(PaymentStatus.OPEN);
		assertThat(received(started.payment().id())).isEmpty();

		MOLLIE.settle(id, "paid");
		webhook("id=" + id).andExpect(status().isOk());
		webhook("id=" + id).andExpect(status().isOk());

		Payment paid = payments.find(started.payment().id()).orElseThrow();
		assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
		assertThat(paid.paidAt()).isNotNull();
		assertThat(received(paid.id())).singleElement().satisfies(e -> {
			assertThat(e.accountId()).isEqualTo(account);
			assertThat(e.payableReference()).isEqualTo("invoice-A1");
			assertThat(e.amount()).isEqualByComparingTo("24.20");
		});
		assertThat(MOLLIE.fetchesOf(id)).isEqualTo(3);
	}

	@Test
	@DisplayName("BIL-1: two deliveries of the same webhook at once change the payment once")
	void concurrentWebhooksChangeOnce() throws Exception {
		StartedPayment started = payments.start(AccountId.random(), "invoice-A2", EuroAmount.of("5.00"), "Factuur 2026-000011",
				BACK);
		String id = started.payment().providerPaymentId();
		MOLLIE.settle(id, "paid");
		var go = new CountDownLatch(1);
		List<CompletableFuture<Void>> calls = List.of(1, 2, 3).stream().map(i -> CompletableFuture.runAsync(() -> {
			try {
				go.await();
				payments.refresh("mollie", id);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		})).toList();
		go.countDown();
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

		assertThat(received(started.payment().id())).hasSize(1);
	}

	@Test
	@DisplayName("BIL-3: a forged body with status=paid is ignored: the status comes from Mollie, which says open")
	void forgedStatusIsIgnored() throws Exception {
		StartedPayment started = payments.start(AccountId.random(), "invoice-A3", EuroAmount.of("7.50"), "Factuur 2026-000012",
				BACK);
		String id = started.payment().providerPaymentId();

		webhook("id=" + id + "&status=paid&amount=7.50&paidAt=2026-12-07T10%3A00%3A00%2B00%3A00").andExpect(status().isOk());

		assertThat(payments.find(started.payment().id()).orElseThrow().status()).isEqualTo(PaymentStatus.OPEN);
		assertThat(received(started.payment().id())).isEmpty();
		assertThat(MOLLIE.fetchesOf(id)).isEqualTo(1);
	}

	@Test
	@DisplayName("BIL-3: an unknown id gets 200, changes nothing and is logged by event code without the id")
	void unknownIdChangesNothing(CapturedOutput output) throws Exception {
		long before = jdbc.sql("select count(*) from billing_payments").query(Long.class).single();

		webhook("id=tr_unknownPayment42").andExpect(status().isOk());

		assertThat(jdbc.sql("select count(*) from billing_payments").query(Long.class).single()).isEqualTo(before);
		assertThat(output.getAll()).contains(Payments.EVENT_UNKNOWN).doesNotContain("tr_unknownPayment42");
	}

	@Test
	@DisplayName("SEC-5: malformed webhook bodies get 400 (no id, two ids, a bad id, JSON), a huge one 413; never 500")
	void malformedBodiesAreRefused() throws Exception {
		webhook("").andExpect(status().isBadRequest());
		webhook("id=tr_a&id=tr_b").andExpect(status().isBadRequest());
		webhook("id=tr_../../v2/customers").andExpect(status().isBadRequest());
		webhook("id=" + "tr_" + "a".repeat(500)).andExpect(status().isBadRequest());
		webhook("id=%ZZ").andExpect(status().is4xxClientError());
		mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON).content("{\"id\":\"tr_abc\"}"))
			.andExpect(status().isBadRequest());
		webhook("id=tr_abc&x=" + "y".repeat(200_000)).andExpect(status().is4xxClientError());
	}

	@Test
	@DisplayName("BIL-3: a paid first payment stores the mandate (IBAN, reference) sealed; recurring charges use it; export shows it, erasure removes it and keeps the payments")
	void firstPaymentMandateRecurringExportErase() throws Exception {
		AccountId account = AccountId.random();
		assertThatThrownBy(() -> payments.chargeRecurring(account, "invoice-B0", EuroAmount.of("4.99"), "Abonnement"))
			.isInstanceOf(NoMandateException.class);
		StartedPayment first = payments.startFirst(account, "invoice-B1", EuroAmount.of("4.99"), "Factuur 2026-000013",
				BACK);
		MOLLIE.settle(first.payment().providerPaymentId(), "paid");
		webhook("id=" + first.payment().providerPaymentId()).andExpect(status().isOk());

		assertThat(payments.hasValidMandate(account)).isTrue();
		byte[] sealed = jdbc.sql("select iban_sealed from billing_payment_mandates where account_id = ?")
			.param(account.value())
			.query(byte[].class)
			.single();
		assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("NL55INGB");

		Payment recurring = payments.chargeRecurring(account, "invoice-B2", EuroAmount.of("4.99"), "Factuur 2026-000014");
		assertThat(recurring.sequenceType()).isEqualTo(SequenceType.RECURRING);
		assertThat(recurring.status()).isEqualTo(PaymentStatus.PENDING);
		MOLLIE.settle(recurring.providerPaymentId(), "paid");
		webhook("id=" + recurring.providerPaymentId()).andExpect(status().isOk());
		assertThat(received(recurring.id())).hasSize(1);

		List<ExportedCategory> export = holder.export(DataSubject.of(account));
		assertThat(export).extracting(ExportedCategory::category).containsExactly("payment-details", "payment-records");
		assertThat(export.get(0).records()).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("iban", "NL55INGB0000000000").containsKey("mandateReference"));
		assertThat(export.get(1).records()).hasSize(2);

		var erased = holder.erase(DataSubject.of(account));
		assertThat(erased.removed()).containsEntry("payment-details", 1);
		assertThat(erased.kept()).containsEntry("payment-records", 2);
		assertThat(payments.hasValidMandate(account)).isFalse();
		assertThat(payments.of(account)).hasSize(2);
		assertThatThrownBy(() -> payments.chargeRecurring(account, "invoice-B3", EuroAmount.of("4.99"), "Abonnement"))
			.isInstanceOf(NoMandateException.class);
		assertThat(MOLLIE.customerCount(export.get(0).records().get(0).get("providerCustomerId").toString())).isZero();
		assertThat(holder.erase(DataSubject.of(account)).removed()).containsEntry("payment-details", 0);
	}

	@Test
	@DisplayName("BIL-3: the payment row is recorded (creating) before Mollie is asked; when Mollie's answer is lost, "
			+ "its webhook attaches the payment to that row and settles it once")
	void lostCreateAnswerIsReconciledByWebhook() throws Exception {
		AccountId account = AccountId.random();
		MOLLIE.loseCreateAnswers = true;
		try {
			assertThatThrownBy(() -> payments.start(account, "invoice-D1", EuroAmount.of("3.30"), "Factuur 2026-000020",
					BACK)).isInstanceOf(PaymentProviderException.class);
		}
		finally {
			MOLLIE.loseCreateAnswers = false;
		}
		Payment creating = payments.of(account).get(0);
		assertThat(payments.of(account)).hasSize(1);
		assertThat(creating.status()).isEqualTo(PaymentStatus.CREATING);
		assertThat(creating.providerPaymentId()).isNull();
		assertThat(creating.amount()).isEqualTo(EuroAmount.of("3.30"));
		String atMollie = MOLLIE.paymentsWithMetadata("payment", creating.id().toString()).get(0);

		MOLLIE.settle(atMollie, "paid");
		webhook("id=" + atMollie).andExpect(status().isOk());
		webhook("id=" + atMollie).andExpect(status().isOk());

		Payment paid = payments.find(creating.id()).orElseThrow();
		assertThat(paid.providerPaymentId()).isEqualTo(atMollie);
		assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
		assertThat(received(creating.id())).hasSize(1);
	}

	@Test
	@DisplayName("BIL-1: a payment Mollie refuses is recorded as failed (it was recorded before asking), never left creating")
	void refusedCreateIsRecordedFailed() {
		AccountId account = AccountId.random();
		assertThatThrownBy(() -> payments.start(account, "invoice-D2", EuroAmount.of("60000.00"), "Factuur 2026-000021",
				BACK)).isInstanceOfSatisfying(PaymentProviderException.class, e -> assertThat(e.status()).isEqualTo(422));
		assertThat(payments.of(account)).singleElement()
			.satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.FAILED));
	}

	@Autowired
	ProviderErasures erasures;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	/** A customer at Mollie with a valid mandate (a paid first payment). */
	private String customerWithMandate(AccountId account) throws Exception {
		StartedPayment first = payments.startFirst(account, "invoice-E" + account.value().toString().substring(0, 8),
				EuroAmount.of("1.00"), "Machtiging Kluis", BACK);
		MOLLIE.settle(first.payment().providerPaymentId(), "paid");
		webhook("id=" + first.payment().providerPaymentId()).andExpect(status().isOk());
		assertThat(payments.hasValidMandate(account)).isTrue();
		return holder.export(DataSubject.of(account)).get(0).records().get(0).get("providerCustomerId").toString();
	}

	@Test
	@DisplayName("RIG-3: an erasure that rolls back tells Mollie nothing: the customer and its mandate stay there "
			+ "(Mollie is called only after the erasure committed)")
	void rolledBackErasureLeavesMollieAlone() throws Exception {
		AccountId account = AccountId.random();
		String customer = customerWithMandate(account);

		transactions.executeWithoutResult(tx -> {
			holder.erase(DataSubject.of(account));
			tx.setRollbackOnly();
		});

		assertThat(MOLLIE.customerCount(customer)).isEqualTo(1);
		assertThat(payments.hasValidMandate(account)).isTrue();
		assertThat(queued(customer)).isZero();
	}

	@Test
	@DisplayName("RIG-3: when Mollie is down at erasure the local data goes at once and the customer's deletion at "
			+ "Mollie is retried until Mollie confirms; the log names no customer or account")
	void erasureRetriesMollieUntilItConfirms(CapturedOutput output) throws Exception {
		AccountId account = AccountId.random();
		String customer = customerWithMandate(account);
		MOLLIE.down = true;
		try {
			var erased = holder.erase(DataSubject.of(account));
			assertThat(erased.removed()).containsEntry("payment-details", 1);
		}
		finally {
			MOLLIE.down = false;
		}
		assertThat(payments.hasValidMandate(account)).isFalse();
		assertThat(MOLLIE.customerCount(customer)).isEqualTo(1);
		assertThat(queued(customer)).isEqualTo(1);
		assertThat(output.getAll()).contains(ProviderErasures.EVENT_FAILED).doesNotContain(customer)
			.doesNotContain(account.value().toString());

		erasures.retryDue();
		assertThat(MOLLIE.customerCount(customer)).as("not due yet: retried after a delay").isEqualTo(1);
		jdbc.sql("update billing_provider_erasures set next_attempt_at = timestamp '2000-01-01 00:00:00' "
				+ "where provider_customer_id = ?").param(customer).update();
		erasures.retryDue();

		assertThat(MOLLIE.customerCount(customer)).isZero();
		assertThat(queued(customer)).isZero();
	}

	private int queued(String customer) {
		return jdbc.sql("select count(*) from billing_provider_erasures where provider_customer_id = ?")
			.param(customer)
			.query(Integer.class)
			.single();
	}

	@Test
	@DisplayName("Payments are kept until 7 years after the end of their fiscal year (RET-3 for payments)")
	void paymentsOutliveTheirFiscalYearBySevenYears() {
		AccountId account = AccountId.random();
		StartedPayment started = payments.start(account, "invoice-C1", EuroAmount.of("1.00"), "Factuur 2020-000001", BACK);
		jdbc.sql("update billing_payments set created_at = timestamp '2020-06-30 12:00:00' where id = ?")
			.param(started.payment().id().value())
			.update();

		// As of 2027-12-31 the cutoff is 2020-12-31: the fiscal year 2020 ended at its end, not before it.
		assertThat(holder.applyRetention("payment-records", java.time.Instant.parse("2020-12-31T00:00:00Z"), false))
			.isGreaterThanOrEqualTo(0);
		assertThat(payments.find(started.payment().id())).isPresent();
		// As of 2028-01-01 the cutoff is 2021-01-01: seven years have passed since the end of 2020.
		assertThat(holder.applyRetention("payment-records", java.time.Instant.parse("2021-01-01T00:00:00Z"), true))
			.isGreaterThanOrEqualTo(1);
		holder.applyRetention("payment-records", java.time.Instant.parse("2021-01-01T00:00:00Z"), false);
		assertThat(payments.find(started.payment().id())).isEmpty();
	}

	@Test
	@DisplayName("BIL-1: while Mollie is down the webhook answers 503 (Mollie retries) and records nothing; the retry records paid")
	void providerOutageIsRetried() throws Exception {
		StartedPayment started = payments.start(AccountId.random(), "invoice-D1", EuroAmount.of("3.00"), "Factuur 2026-000020",
				BACK);
		String id = started.payment().providerPaymentId();
		MOLLIE.settle(id, "paid");
		MOLLIE.down = true;
		try {
			webhook("id=" + id).andExpect(status().isServiceUnavailable());
		}
		finally {
			MOLLIE.down = false;
		}
		assertThat(payments.find(started.payment().id()).orElseThrow().status()).isEqualTo(PaymentStatus.OPEN);
		webhook("id=" + id).andExpect(status().isOk());
		assertThat(payments.find(started.payment().id()).orElseThrow().status()).isEqualTo(PaymentStatus.PAID);
	}

	@Test
	@DisplayName("BIL-3: with a Mollie key the test checkout does not exist")
	void noTestCheckoutWithMollie() throws Exception {
		assertThat(payments.providerName()).isEqualTo("mollie");
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/billing/test-checkout/tr_abc"))
			.andExpect(result -> assertThat(result.getResponse().getStatus()).isNotEqualTo(200));
	}

	private org.springframework.test.web.servlet.ResultActions webhook(String body) throws Exception {
		return mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body));
	}

	private List<PaymentReceived> received(PaymentId id) {
		return events.stream(PaymentReceived.class).filter(e -> e.paymentId().equals(id)).toList();
	}

}
