package io.kluis.billing.payments.fake;

import io.kluis.billing.payments.PaymentProvider;
import io.kluis.billing.payments.PaymentProviderException;
import io.kluis.billing.payments.PaymentRequest;
import io.kluis.billing.payments.PaymentStatus;
import io.kluis.billing.payments.ProviderMandate;
import io.kluis.billing.payments.ProviderPayment;
import io.kluis.billing.payments.SequenceType;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A payment provider in memory that behaves like Mollie where Kluis can tell: ids with Mollie's
 * prefixes, payments start {@code open} with a checkout URL (the local test checkout), a paid first
 * payment leaves a valid direct-debit mandate, a recurring charge starts {@code pending} without a
 * checkout. Payments change only through {@link #settle}, which the test checkout page and tests
 * call, as the customer or bank would at Mollie.
 */
public final class FakePaymentProvider implements PaymentProvider {

	public static final String NAME = "test";

	/** A well-known example IBAN (not a real customer's): what a fake mandate says was used. */
	public static final String EXAMPLE_IBAN = "NL91ABNA0417164300";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private final Map<String, ProviderPayment> payments = new ConcurrentHashMap<>();

	private final Map<String, ProviderMandate> mandates = new ConcurrentHashMap<>();

	private final Map<String, String> customers = new ConcurrentHashMap<>();

	private final Map<String, URI> redirects = new ConcurrentHashMap<>();

	/** Idempotency key → payment id, as Mollie remembers keys (a retried create returns the first payment). */
	private final Map<String, String> idempotencyKeys = new ConcurrentHashMap<>();

	private final URI checkoutBase;

	private final Clock clock;

	/** @param checkoutBase the installation's base URL; checkout pages live under it */
	public FakePaymentProvider(URI checkoutBase, Clock clock) {
		this.checkoutBase = checkoutBase;
		this.clock = clock;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public ProviderPayment create(PaymentRequest request) {
		if (request.idempotencyKey() != null) {
			synchronized (idempotencyKeys) {
				String earlier = idempotencyKeys.get(request.idempotencyKey());
				if (earlier != null) {
					return payments.get(earlier);
				}
				ProviderPayment created = createNew(request);
				idempotencyKeys.put(request.idempotencyKey(), created.id());
				return created;
			}
		}
		return createNew(request);
	}

	private ProviderPayment createNew(PaymentRequest request) {
		if (request.customerId() != null && !customers.containsKey(request.customerId())) {
			throw new PaymentProviderException(404, "Not Found", "customerId");
		}
		String mandateId = null;
		if (request.sequenceType() == SequenceType.RECURRING) {
			mandateId = mandates.values()
				.stream()
				.filter(m -> m.customerId().equals(request.customerId()) && m.isValid())
				.filter(m -> request.mandateId() == null || m.id().equals(request.mandateId()))
				.map(ProviderMandate::id)
				.findFirst()
				.orElseThrow(() -> new PaymentProviderException(422, "Unprocessable Entity", "mandateId"));
		}
		String id = "tr_" + random(10);
		boolean inCheckout = request.sequenceType() != SequenceType.RECURRING;
		var payment = new ProviderPayment(id, inCheckout ? PaymentStatus.OPEN : PaymentStatus.PENDING, request.amount(),
				request.sequenceType(),
				inCheckout ? URI.create(stripSlash(checkoutBase.toString()) + "/billing/test-checkout/" + id) : null,
				request.customerId(), mandateId, null, request.metadata());
		payments.put(id, payment);
		if (request.redirectUrl() != null) {
			redirects.put(id, request.redirectUrl());
		}
		return payment;
	}

	@Override
	public ProviderPayment fetch(String providerPaymentId) {
		ProviderPayment payment = payments.get(providerPaymentId);
		if (payment == null) {
			throw new PaymentProviderException(404, "Not Found", null);
		}
		return payment;
	}

	@Override
	public String createCustomer(String accountReference) {
		String id = "cst_" + random(10);
		customers.put(id, accountReference);
		return id;
	}

	@Override
	public Optional<ProviderMandate> mandate(String customerId, String mandateId) {
		return Optional.ofNullable(mandates.get(mandateId)).filter(m -> m.customerId().equals(customerId));
	}

	@Override
	public void deleteCustomer(String customerId) {
		customers.remove(customerId);
		mandates.values().removeIf(m -> m.customerId().equals(customerId));
	}

	/**
	 * What the customer or the bank does: moves an unfinished payment to {@code status}. A paid first
	 * payment creates a valid direct-debit mandate. A finished payment does not change.
	 * @throws PaymentProviderException 404 for an unknown payment
	 */
	public ProviderPayment settle(String providerPaymentId, PaymentStatus status) {
		ProviderPayment current = fetch(providerPaymentId);
		if (current.status().isFinal()) {
			return current;
		}
		String mandateId = current.mandateId();
		if (status == PaymentStatus.PAID && current.sequenceType() == SequenceType.FIRST && current.customerId() != null) {
			mandateId = "mdt_" + random(10);
			mandates.put(mandateId, new ProviderMandate(mandateId, current.customerId(), "valid", "directdebit",
					EXAMPLE_IBAN, "KLUIS-" + random(8)));
		}
		var changed = new ProviderPayment(current.id(), status, current.amount(), current.sequenceType(),
				status.isFinal() ? null : current.checkoutUrl(), current.customerId(), mandateId,
				status == PaymentStatus.PAID ? clock.instant() : null, current.metadata());
		payments.put(current.id(), changed);
		return changed;
	}

	/** Where the checkout sends the customer back to (what Kluis gave when creating the payment). */
	public Optional<URI> redirectOf(String providerPaymentId) {
		return Optional.ofNullable(redirects.get(providerPaymentId));
	}

	private static String random(int length) {
		var out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return out.toString();
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
