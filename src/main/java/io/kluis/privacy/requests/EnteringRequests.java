package io.kluis.privacy.requests;

import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The privacy officer enters a request that arrived by email, letter or phone into the same queue as
 * the form's (RIG-7). The deadline clock runs from the start of the day it arrived, in the provider's
 * time zone (the earliest moment it can have arrived, so the due date is never later than the law's),
 * for the register's {@code requests.deadline}. The requester is recorded as the form records them
 * ({@link RequestContents}: address, optional name, and the officer's note as the message), sealed
 * under the request's own key. Audited as {@code privacy.request.entered} with the officer as actor.
 *
 * <p>The requester is mailed the date of arrival, the due date and a confirmation link, the same
 * least intrusive check as the form's: using it establishes the identity ({@link RequestIntake#confirm})
 * without moving the clock, and links the request to the account of that address (as for the form,
 * nothing is linked on the strength of an unchecked claim). Until then it can be answered in words
 * only.
 */
@Service
public class EnteringRequests {

	/**
	 * How far back an arrival date may lie. A year catches a slipped year or century in the date
	 * field, while a letter found months late can still be entered with its true date (and shows as
	 * overdue, which is the honest record); anything older is not a request whose deadline is still
	 * being counted, but a complaint about one.
	 */
	public static final Period MAX_ARRIVAL_AGE = Period.ofYears(1);

	private static final Logger log = LoggerFactory.getLogger(EnteringRequests.class);

	private final DataSubjectRequests requests;

	private final RequestTimeline timeline;

	private final RequestTokens tokens;

	private final RequestMails mails;

	private final ProcessingRegister register;

	private final RequestsProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	EnteringRequests(DataSubjectRequests requests, RequestTimeline timeline, RequestTokens tokens, RequestMails mails, ProcessingRegister register, RequestsProperties properties,
			ApplicationEventPublisher events, Clock clock) {
		this.requests = requests;
		this.timeline = timeline;
		this.tokens = tokens;
		this.mails = mails;
		this.register = register;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/** What the officer enters; {@code note} is what the requester asked, in the officer's words. */
	public record Entry(RequestKind kind, RequestChannel channel, LocalDate arrivedOn, String email,
			@Nullable String name, String note, Locale locale) {

		@Override
		public String toString() {
			return "Entry[" + kind + ", " + channel + ", " + arrivedOn + "]";
		}
	}

	/**
	 * Stores the request, open and in the queue, and returns its id.
	 *
	 * @throws InvalidInputException naming the field: a form channel, an arrival date in the future or
	 *         more than {@link #MAX_ARRIVAL_AGE} ago, an invalid address, a missing or too long note
	 */
	@Transactional
	public RequestId enter(Entry entry, AccountId staff) {
		if (!entry.channel().enteredByStaff()) {
			throw new InvalidInputException("channel", "requests.invalid.channel");
		}
		LocalDate today = clock.instant().atZone(properties.zone()).toLocalDate();
		if (entry.arrivedOn().isAfter(today)) {
			throw new InvalidInputException("arrivedOn", "requests.invalid.arrivedOn.future");
		}
		if (entry.arrivedOn().isBefore(today.minus(MAX_ARRIVAL_AGE))) {
			throw new InvalidInputException("arrivedOn", "requests.invalid.arrivedOn.tooOld");
		}
		if (entry.note() == null || entry.note().isBlank()) {
			throw new InvalidInputException("message", "requests.invalid.message");
		}
		RequestContents contents = RequestContents.of(entry.email(), entry.name(), entry.note());
		var request = DataSubjectRequest.entered(entry.kind(), entry.locale(), entry.channel(),
				entry.arrivedOn().atStartOfDay(properties.zone()).toInstant(), properties.zone(),
				register.requestDeadline());
		requests.insert(request, contents);
		requests.update(request);
		timeline.record(request, TimelineEntry.Kind.RECEIVED, staff, null, entry.channel().name());
		String token = tokens.issue(request.id(), RequestTokens.Purpose.CONFIRM,
				clock.instant().plus(properties.confirmationValidity()));
		mails.toRequester(request, contents.email(), "request-entered",
				Map.of("confirmLink", mails.link("/requests/confirm?token=" + token), "validDays",
						properties.confirmationValidity().toDays(), "channel", entry.channel().name(), "arrivedOn",
						entry.arrivedOn(), "dueDate", mails.date(request.requireOpen().due())));
		events.publishEvent(new RequestEvents.RequestEntered(request.id(), null, staff, entry.kind(), entry.channel(),
				entry.arrivedOn()));
		log.info("event=privacy.request.entered request={} kind={} channel={}", request.id(), entry.kind(),
				entry.channel());
		return request.id();
	}
}
