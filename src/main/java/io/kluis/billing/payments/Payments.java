package io.kluis.billing.payments;

import io.kluis.shared.AccountId;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starting payments at the configured {@link PaymentProvider} and following them. The local record
 * changes only after the provider's API said so ({@link #refresh}); reaching {@code paid} publishes
 * {@link PaymentReceived} once, in the same transaction, whoever asks how often.
 *
 * <p>What a payment pays is an opaque reference (an invoice id) chosen by the caller; the
 * description the customer sees on the checkout and bank statement names the invoice, never the
 * customer.
 */
@Service
public class Payments {

	static final String EVENT_UNKNOWN = "BILLING_PAYMENT_UNKNOWN";

	static final String EVENT_MISMATCH = "BILLING_PAYMENT_MISMATCH";

	static final String EVENT_CHANGED = "BILLING_PAYMENT_CHANGED";

	static final String EVENT_CREATE_UNKNOWN = "BILLING_PAYMENT_CREATE_UNKNOWN";

	static final String EVENT_ADOPTED = "BILLING_PAYMENT_ADOPTED";

	/** The only path a provider's webhook reaches; {@code {provider}} is the provider's name. */
	static final String WEBHOOK_PATH = "/api/v1/billing/payments/webhook/";

	private static final Logger log = LoggerFactory.getLogger(Payments.class);

	private final PaymentProvider provider;

	private final PaymentRecords records;

	private final Mandates mandates;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	/** Writes that must be committed whatever the caller's transaction does (a provider call follows). */
	private final TransactionTemplate durably;

	private final Clock clock;

	private final URI webhookUrl;

	Payments(PaymentProvider provider, PaymentRecords records, Mandates mandates, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock, @Value("${kluis.base-url}") String baseUrl) {
		this.provider = provider;
		this.records = records;
		this.mandates = mandates;
		this.events = events;
		this.transactions = transactions;
		this.durably = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
		this.durably.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.webhookUrl = URI.create(baseUrl.replaceAll("/+$", "") + WEBHOOK_PATH + provider.name());
	}

	/** The name of the configured provider ({@code mollie} or {@code test}). */
	public String providerName() {
		return provider.name();
	}

	/**
	 * Starts a one-off payment (iDEAL/Wero, card, ...) for something payable; send the customer to
	 * the returned checkout URL. The customer comes back to {@code redirectUrl} whatever happened: the
	 * outcome arrives by webhook (look it up with {@link #find}).
	 * @throws PaymentProviderException when the provider refuses or cannot be reached
	 */
	public StartedPayment start(AccountId account, String payableReference, EuroAmount amount, String description,
			URI redirectUrl) {
		PaymentId id = PaymentId.random();
		return create(id, account, payableReference,
				PaymentRequest.oneOff(amount, description, redirectUrl, webhookUrl, metadata(id, payableReference)));
	}

	/**
	 * Starts the customer's first payment, which (once paid) leaves a mandate at the provider for
	 * {@link #chargeRecurring} (SEPA Direct Debit via iDEAL, or a card).
	 */
	public StartedPayment startFirst(AccountId account, String payableReference, EuroAmount amount, String description,
			URI redirectUrl) {
		PaymentId id = PaymentId.random();
		String customer = customerOf(account);
		return create(id, account, payableReference, PaymentRequest.first(amount, description, redirectUrl, webhookUrl,
				metadata(id, payableReference), customer));
	}

	/**
	 * Charges the account's valid mandate, without the customer. The outcome arrives by webhook.
	 * @throws NoMandateException when the account has no valid mandate
	 */
	public Payment chargeRecurring(AccountId account, String payableReference, EuroAmount amount, String description) {
		Mandates.Row mandate = mandates.find(account, provider.name()).filter(Mandates.Row::valid)
			.orElseThrow(NoMandateException::new);
		PaymentId id = PaymentId.random();
		try {
			return create(id, account, payableReference, PaymentRequest.recurring(amount, description, webhookUrl,
					metadata(id, payableReference), mandate.customerId(), mandate.mandateId())).payment();
		}
		catch (PaymentProviderException e) {
			if (e.status() == 422 && "mandateId".equals(e.field())) {
				throw new NoMandateException();
			}
			throw e;
		}
	}

	/** Whether a recurring charge is possible for the account. */
	public boolean hasValidMandate(AccountId account) {
		return mandates.find(account, provider.name()).filter(Mandates.Row::valid).isPresent();
	}

	/**
	 * Where the customer pays the payment now: the provider's checkout while it is open, empty once it
	 * is finished (or before the provider answered).
	 * @throws PaymentProviderException when the provider cannot be reached
	 */
	public Optional<URI> checkoutUrl(PaymentId id) {
		return records.find(id)
			.filter(p -> p.providerPaymentId() != null && !p.status().isFinal())
			.flatMap(p -> Optional.ofNullable(provider.fetch(p.providerPaymentId()).checkoutUrl()));
	}

	public Optional<Payment> find(PaymentId id) {
		return records.find(id);
	}

	/** The account's payments, oldest first. */
	public List<Payment> of(AccountId account) {
		return records.of(account);
	}

	/** The payments started for one payable, oldest first. */
	public List<Payment> forPayable(String payableReference) {
		return records.forPayable(payableReference);
	}

	/**
	 * Asks the provider for the payment's status and records a change: what a webhook triggers. Never
	 * takes a status from anyone but the provider's API. An id Kluis did not start, or the provider does
	 * not know, changes nothing (logged by event code, without the caller's data). Idempotent: a second
	 * call with nothing new at the provider changes nothing and publishes nothing.
	 * @return the payment as recorded afterwards, empty for an unknown id
	 */
	public Optional<Payment> refresh(String providerName, String providerPaymentId) {
		if (!provider.name().equals(providerName)) {
			log.info("{} provider={} (not the configured provider)", EVENT_UNKNOWN, providerName);
			return Optional.empty();
		}
		Optional<Payment> found = records.findByProviderId(providerName, providerPaymentId);
		Optional<Payment> local = found.isPresent() ? found : adoptCreating(providerPaymentId);
		if (local.isEmpty()) {
			// Answered like a known id (Mollie's advice: tell a prober nothing); the id itself is not logged.
			log.info("{} provider={}", EVENT_UNKNOWN, providerName);
			return Optional.empty();
		}
		ProviderPayment remote;
		try {
			remote = provider.fetch(providerPaymentId);
		}
		catch (PaymentProviderException e) {
			if (e.isNotFound()) {
				log.warn("{} payment={} (the provider does not know it)", EVENT_UNKNOWN, local.get().id());
				return local;
			}
			throw e;
		}
		if (!remote.amount().equals(local.get().amount())
				|| !local.get().id().toString().equals(remote.metadata().getOrDefault("payment", local.get().id().toString()))) {
			log.warn("{} payment={} (amount or metadata differ at the provider; nothing recorded)", EVENT_MISMATCH,
					local.get().id());
			return local;
		}
		Payment updated = transactions.execute(tx -> apply(local.get().id(), remote));
		if (remote.status() == PaymentStatus.PAID && remote.sequenceType() == SequenceType.FIRST
				&& remote.customerId() != null && remote.mandateId() != null) {
			rememberMandate(updated.account(), remote.customerId(), remote.mandateId());
		}
		return Optional.of(updated);
	}

	private Payment apply(PaymentId id, ProviderPayment remote) {
		Payment current = records.lock(id).orElseThrow();
		if (current.status() == remote.status() || current.status().isFinal()) {
			return current;
		}
		Instant now = clock.instant();
		Instant paidAt = remote.status() == PaymentStatus.PAID ? (remote.paidAt() != null ? remote.paidAt() : now) : null;
		records.updateStatus(id, remote.status(), now, paidAt);
		log.info("{} payment={} from={} to={}", EVENT_CHANGED, id, current.status().apiName(), remote.status().apiName());
		if (remote.status() == PaymentStatus.PAID) {
			events.publishEvent(new PaymentReceived(id, current.account(), current.payableReference(),
					current.amount().value(), paidAt));
		}
		return records.find(id).orElseThrow();
	}

	private void rememberMandate(AccountId account, String customerId, String mandateId) {
		provider.mandate(customerId, mandateId)
			.ifPresent(m -> mandates.storeMandate(account, provider.name(), m.id(), m.status(), m.method(), m.iban(),
					m.mandateReference(), clock.instant()));
	}

	private String customerOf(AccountId account) {
		Optional<Mandates.Row> existing = mandates.find(account, provider.name());
		if (existing.isPresent()) {
			return existing.get().customerId();
		}
		String customer = provider.createCustomer(account.value().toString());
		try {
			mandates.insertCustomer(account, provider.name(), customer, clock.instant());
			return customer;
		}
		catch (DuplicateKeyException e) {
			return mandates.find(account, provider.name()).orElseThrow().customerId();
		}
	}

	/**
	 * Records the payment ({@link PaymentStatus#CREATING}) and commits that before the provider is asked,
	 * then records the provider's id. A crash or timeout in between leaves a row that the provider's
	 * webhook completes ({@link #adoptCreating}); the request carries an idempotency key derived from the
	 * local id, so a retried create returns the same payment at the provider, never a second one. A
	 * refusal (4xx) means nothing was created: the row is marked failed. Both writes run in their own
	 * transactions, so a caller's rollback cannot lose them.
	 */
	private StartedPayment create(PaymentId id, AccountId account, String payableReference, PaymentRequest request) {
		Instant now = clock.instant();
		var creating = new Payment(id, account, provider.name(), null, request.sequenceType(), request.amount(),
				PaymentStatus.CREATING, payableReference, now, now, null);
		durably.executeWithoutResult(tx -> records.insert(creating));
		ProviderPayment created;
		try {
			created = provider.create(request.withIdempotencyKey(idempotencyKey(id)));
		}
		catch (PaymentProviderException e) {
			if (e.status() >= 400 && e.status() < 500) {
				durably.executeWithoutResult(tx -> records.updateStatus(id, PaymentStatus.FAILED, clock.instant(), null));
			}
			else {
				log.warn("{} payment={} status={} (left creating; the provider's webhook or staff reconcile it)",
						EVENT_CREATE_UNKNOWN, id, e.status());
			}
			throw e;
		}
		durably.executeWithoutResult(tx -> records.attach(id, created.id(), created.status(), clock.instant()));
		return new StartedPayment(records.find(id).orElseThrow(), created.checkoutUrl());
	}

	/** The idempotency key of a payment's create call: fixed by the local id, so a retry sends the same. */
	static String idempotencyKey(PaymentId id) {
		return "kluis-payment-" + id.value();
	}

	/**
	 * A webhook for a provider id Kluis has not recorded: if a payment is still {@link PaymentStatus#CREATING}
	 * (the provider's answer to the create call was lost), the provider's metadata names its local id, and
	 * the provider id is attached to it. Asks the provider only while such rows exist, so a prober's
	 * made-up ids cost nothing.
	 */
	private Optional<Payment> adoptCreating(String providerPaymentId) {
		if (!records.anyCreating(provider.name())) {
			return Optional.empty();
		}
		ProviderPayment remote;
		try {
			remote = provider.fetch(providerPaymentId);
		}
		catch (PaymentProviderException e) {
			return Optional.empty();
		}
		String localId = remote.metadata().get("payment");
		if (localId == null) {
			return Optional.empty();
		}
		Optional<Payment> creating;
		try {
			creating = records.find(new PaymentId(java.util.UUID.fromString(localId)))
				.filter(p -> p.status() == PaymentStatus.CREATING && p.provider().equals(provider.name())
						&& p.amount().equals(remote.amount()));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		creating.ifPresent(p -> {
			durably.executeWithoutResult(tx -> records.attach(p.id(), remote.id(), PaymentStatus.CREATING, clock.instant()));
			log.info("{} payment={}", EVENT_ADOPTED, p.id());
		});
		return creating.flatMap(p -> records.find(p.id()));
	}

	private static Map<String, String> metadata(PaymentId id, String payableReference) {
		if (payableReference.isBlank() || payableReference.length() > 100) {
			throw new IllegalArgumentException("a payable reference has 1 to 100 characters");
		}
		return Map.of("payment", id.toString(), "payable", payableReference);
	}
}
