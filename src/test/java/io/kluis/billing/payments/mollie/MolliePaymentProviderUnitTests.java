package io.kluis.billing.payments.mollie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.billing.payments.EuroAmount;
import io.kluis.billing.payments.PaymentProvider;
import io.kluis.billing.payments.PaymentProviderContract;
import io.kluis.billing.payments.PaymentProviderException;
import io.kluis.billing.payments.PaymentRequest;
import io.kluis.billing.payments.PaymentStatus;
import io.kluis.billing.payments.ProviderPayment;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Mollie adapter against an in-test server that follows Mollie's documented API: the contract
 * every provider keeps, plus how Mollie's refusals become a {@link PaymentProviderException} that
 * names status and field but carries neither the key nor the provider's free text.
 */
class MolliePaymentProviderUnitTests extends PaymentProviderContract {

	MollieTestServer mollie;

	MolliePaymentProvider provider;

	@BeforeEach
	void start() {
		mollie = new MollieTestServer();
		provider = new MolliePaymentProvider(mollie.properties());
	}

	@AfterEach
	void stop() {
		mollie.close();
	}

	@Override
	protected PaymentProvider provider() {
		return provider;
	}

	@Override
	protected void settle(String providerPaymentId, PaymentStatus status) {
		mollie.settle(providerPaymentId, status.apiName());
	}

	@Test
	@DisplayName("A refusal (422 on amount.value) names status and field, not the provider's detail text")
	void refusalNamesStatusAndField() {
		assertThatThrownBy(() -> provider.create(PaymentRequest.oneOff(EuroAmount.of("60000.00"), "Factuur 2026-000009",
				REDIRECT, WEBHOOK, Map.of())))
			.isInstanceOfSatisfying(PaymentProviderException.class, e -> {
				assertThat(e.status()).isEqualTo(422);
				assertThat(e.field()).isEqualTo("amount.value");
				assertThat(e.getMessage()).doesNotContain("higher than the maximum");
			});
	}

	@Test
	@DisplayName("SEC-5: a wrong API key is a 401 whose message never contains a key")
	void wrongKeyIsUnauthorised() {
		var wrong = new MolliePaymentProvider(new MollieProperties("test_wrongKey00000000000000000", mollie.baseUrl(),
				Duration.ofSeconds(2), Duration.ofSeconds(2)));
		assertThatThrownBy(() -> wrong.fetch("tr_abc")).isInstanceOfSatisfying(PaymentProviderException.class, e -> {
			assertThat(e.status()).isEqualTo(401);
			assertThat(e.getMessage()).doesNotContain("test_wrongKey").doesNotContain(MollieTestServer.API_KEY);
		});
	}

	@Test
	@DisplayName("An unreachable provider is a PaymentProviderException with status 0, after the connect timeout")
	void unreachableProvider() throws Exception {
		int port;
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		var unreachable = new MolliePaymentProvider(new MollieProperties(MollieTestServer.API_KEY,
				URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1), Duration.ofSeconds(1)));
		assertThatThrownBy(() -> unreachable.fetch("tr_abc")).isInstanceOfSatisfying(PaymentProviderException.class,
				e -> assertThat(e.status()).isZero());
	}

	@Test
	@DisplayName("BIL-1: a create whose answer was lost, retried with the same Idempotency-Key, leaves one payment at Mollie")
	void lostAnswerRetriedWithSameKeyLeavesOnePayment() {
		PaymentRequest request = PaymentRequest.oneOff(EuroAmount.of("3.00"), "Factuur 2026-000010", REDIRECT, WEBHOOK,
				Map.of("payment", "local-1")).withIdempotencyKey("kluis-payment-local-1");
		mollie.loseCreateAnswers = true;
		assertThatThrownBy(() -> provider.create(request)).isInstanceOfSatisfying(PaymentProviderException.class,
				e -> assertThat(e.status()).isZero());
		mollie.loseCreateAnswers = false;

		ProviderPayment retried = provider.create(request);

		assertThat(mollie.paymentCount()).isEqualTo(1);
		assertThat(mollie.paymentsWithMetadata("payment", "local-1")).containsExactly(retried.id());
	}

	@Test
	@DisplayName("SEC-5: the adapter's properties never print the API key")
	void propertiesHideTheKey() {
		assertThat(mollie.properties().toString()).doesNotContain(MollieTestServer.API_KEY);
	}
}
