package io.kluis.privacy.requests;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receiving a request from the public form and checking, the least intrusive way that suffices,
 * that it comes from the person the data is about: a single-use link mailed to the address the data
 * belongs to (RIG-7). Submitting answers the same whether or not the address is known: nothing is
 * looked up until the owner of the address confirms, so neither the page nor its timing tells a
 * visitor who is a customer. Only confirmed requests enter the queue; unconfirmed ones are deleted,
 * key and all, when the link expires.
 */
@Service
public class RequestIntake {

	private static final Logger log = LoggerFactory.getLogger(RequestIntake.class);

	private final DataSubjectRequests requests;

	private final RequestTokens tokens;

	private final RequestTimeline timeline;

	private final RequestMails mails;

	private final AccountDirectory directory;

	private final PersonalDataCipher cipher;

	private final ApplicationEventPublisher events;

	private final RequestsProperties properties;

	private final ProcessingRegister register;

	private final Clock clock;

	RequestIntake(DataSubjectRequests requests, RequestTokens tokens, RequestTimeline timeline, RequestMails mails,
			AccountDirectory directory, PersonalDataCipher cipher, ApplicationEventPublisher events,
			RequestsProperties properties, ProcessingRegister register, Clock clock) {
		this.requests = requests;
		this.tokens = tokens;
		this.timeline = timeline;
		this.mails = mails;
		this.directory = directory;
		this.cipher = cipher;
		this.events = events;
		this.properties = properties;
		this.register = register;
		this.clock = clock;
	}

	/**
	 * Stores the request and mails the confirmation link to the address.
	 *
	 * @throws InvalidInputException naming the field (never repeating the value)
	 */
	@Transactional
	public void submit(RequestKind kind, String email, @Nullable String name, String message, Locale locale) {
		var contents = RequestContents.of(email, name, message);
		Instant now = clock.instant();
		var request = DataSubjectRequest.received(kind, locale, now);
		requests.insert(request, contents);
		timeline.record(request, TimelineEntry.Kind.RECEIVED, null, null, null);
		String token = tokens.issue(request.id(), RequestTokens.Purpose.CONFIRM, now.plus(properties.confirmationValidity()));
		mails.toRequester(request, contents.email(), "request-confirm",
				Map.of("confirmLink", mails.link("/requests/confirm?token=" + token),
						"validDays", properties.confirmationValidity().toDays()));
		log.info("event=privacy.request.received request={} kind={}", request.id(), kind);
	}

	/**
	 * Uses up the confirmation token: the request enters the queue, the deadline clock starts and the
	 * requester is mailed the status link. For a request entered by staff, only the identity is
	 * established (it is in the queue, and its clock runs from its arrival already). Returns the
	 * status token, or empty when the link is unknown, used or expired.
	 */
	@Transactional
	public Optional<String> confirm(String token) {
		Instant now = clock.instant();
		Optional<DataSubjectRequest> found = tokens.redeem(token, RequestTokens.Purpose.CONFIRM, now)
			.flatMap(requests::findById)
			.filter(DataSubjectRequest::awaitsAddressConfirmation);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		DataSubjectRequest request = found.get();
		RequestContents contents = requests.contents(request);
		AccountId account = directory.findByEmail(contents.email()).orElse(null);
		if (request.state() == RequestState.AWAITING_CONFIRMATION) {
			request.markConfirmed(now, account, properties.zone(), register.requestDeadline());
		}
		else {
			// entered by staff: the clock runs from the arrival already
			request.markAddressConfirmed(account);
		}
		requests.update(request);
		timeline.record(request, TimelineEntry.Kind.CONFIRMED, null, null, null);
		String statusToken = tokens.issue(request.id(), RequestTokens.Purpose.STATUS, now.plus(properties.statusValidity()));
		Deadline deadline = request.requireOpen();
		mails.toRequester(request, contents.email(), "request-confirmed",
				Map.of("statusLink", mails.link("/requests/status?token=" + statusToken),
						"dueDate", mails.date(deadline.due())));
		events.publishEvent(new RequestEvents.RequestConfirmed(request.id(), request.account(), request.kind()));
		return Optional.of(statusToken);
	}

	/** The request a status token opens. */
	@Transactional(readOnly = true)
	public Optional<DataSubjectRequest> byStatusToken(String token) {
		return tokens.find(token, RequestTokens.Purpose.STATUS, clock.instant()).flatMap(requests::findById);
	}

	/** Deletes requests whose confirmation link expired unused, and destroys their keys. */
	@Transactional
	public int deleteUnconfirmed() {
		Instant cutoff = clock.instant().minus(properties.confirmationValidity());
		int deleted = 0;
		for (DataSubjectRequest request : requests.unconfirmedBefore(cutoff)) {
			deleted += requests.delete(request.id());
			cipher.destroyDataKey(request.keyOwner());
		}
		if (deleted > 0) {
			log.info("event=privacy.request.unconfirmed-deleted count={}", deleted);
		}
		return deleted;
	}
}
