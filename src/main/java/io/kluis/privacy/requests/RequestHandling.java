package io.kluis.privacy.requests;

import io.kluis.audit.AuditTrail;
import io.kluis.privacy.Evidence;
import io.kluis.privacy.spi.DataSubject;
import io.kluis.privacy.spi.Erased;
import io.kluis.privacy.spi.PersonalDataHolder;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The privacy officer's actions on a request. Each is guarded by the request's state (a closed
 * request takes no more actions; an extension only within the first month, with a reason), leaves a
 * timeline entry, tells the requester where the rules say so, and is audited with the staff member
 * as actor and the request id in the details.
 */
@Service
public class RequestHandling {

	public static final int MAX_TEXT = 10_000;

	private final DataSubjectRequests requests;

	private final RequestTimeline timeline;

	private final RequestMails mails;

	private final IdCopies idCopies;

	private final RequestFulfilment fulfilment;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final RequestsProperties properties;

	private final Clock clock;

	RequestHandling(DataSubjectRequests requests, RequestTimeline timeline, RequestMails mails, IdCopies idCopies,
			ObjectProvider<RequestFulfilment> fulfilment, List<PersonalDataHolder> holders, Evidence evidence,
			AuditTrail audit, ApplicationEventPublisher events, RequestsProperties properties, Clock clock) {
		this.requests = requests;
		this.timeline = timeline;
		this.mails = mails;
		this.idCopies = idCopies;
		this.fulfilment = fulfilment.getIfAvailable(() -> new HolderFulfilment(holders, evidence, clock));
		this.audit = audit;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/** What the officer's detail page shows: opening it is a staff read of personal data, so it is audited. */
	public record Details(DataSubjectRequest request, RequestContents contents, List<TimelineEntry> timeline,
			Optional<Boolean> idCopyStoredAndViewed) {
	}

	@Transactional
	public Details read(RequestId id, AccountId staff) {
		DataSubjectRequest request = find(id);
		audit.record("privacy.request.read", staff, request.account(), Map.of("request", id.toString()));
		return new Details(request, requests.contents(request), timeline.of(request), idCopies.storedAndViewed(id));
	}

	/** Mails the text to the requester and shows it on the status page. */
	@Transactional
	public void answer(RequestId id, AccountId staff, String text) {
		DataSubjectRequest request = find(id);
		request.requireOpen();
		String answer = requireText("text", text);
		timeline.record(request, TimelineEntry.Kind.ANSWERED, staff, answer, null);
		mails.toRequester(request, requests.contents(request).email(), "request-answer", Map.of("answer", answer));
		events.publishEvent(new RequestEvents.RequestAnswered(id, request.account(), staff));
	}

	/**
	 * Extends the deadline by {@code months} (art. 12(3)) and mails the reason to the requester at once.
	 *
	 * @throws RequestRefused after the first month, or beyond two months in total
	 */
	@Transactional
	public void extend(RequestId id, AccountId staff, int months, String reason) {
		DataSubjectRequest request = find(id);
		String why = requireText("reason", reason);
		request.extendBy(months, clock.instant(), properties.zone());
		requests.update(request);
		Deadline deadline = request.requireOpen();
		timeline.record(request, TimelineEntry.Kind.EXTENDED, staff, why, Integer.toString(months));
		mails.toRequester(request, requests.contents(request).email(), "request-extended",
				Map.of("reason", why, "months", months, "dueDate", mails.date(deadline.due())));
		events.publishEvent(new RequestEvents.RequestExtended(id, request.account(), staff, months));
	}

	/** Asks the requester for an ID copy (last resort, with the reason why the email check does not suffice). */
	@Transactional
	public void askForIdCopy(RequestId id, AccountId staff, String reason) {
		DataSubjectRequest request = find(id);
		String why = requireText("reason", reason);
		request.askForIdCopy();
		requests.update(request);
		timeline.record(request, TimelineEntry.Kind.ID_COPY_REQUESTED, staff, why, null);
		mails.toRequester(request, requests.contents(request).email(), "request-id-copy",
				Map.of("reason", why, "retentionDays", properties.idCopyRetention().toDays()));
		events.publishEvent(new RequestEvents.IdCopyRequested(id, request.account(), staff));
	}

	/** The outcome of the officer's check of the ID copy; the copy is deleted and its key destroyed right away. */
	@Transactional
	public void idCopyChecked(RequestId id, AccountId staff, boolean matches) {
		DataSubjectRequest request = find(id);
		request.idCopyChecked(matches);
		requests.update(request);
		idCopies.delete(request, staff, "CHECKED");
		timeline.record(request, matches ? TimelineEntry.Kind.ID_VERIFIED : TimelineEntry.Kind.ID_REJECTED, staff, null,
				null);
		events.publishEvent(new RequestEvents.IdentityChecked(id, request.account(), staff, request.identityCheck()));
	}

	/**
	 * Carries out an access, portability or erasure request through {@link RequestFulfilment}, for
	 * {@code new DataSubject(accountOrNull, email)} (RIG-8: former customers by address alone). The
	 * access document goes to the status page; the requester is mailed that it is ready.
	 */
	@Transactional
	public void fulfil(RequestId id, AccountId staff) {
		DataSubjectRequest request = find(id);
		request.requireIdentityEstablished();
		if (!request.kind().fulfilledByEngine()) {
			throw new RequestRefused("not-fulfillable");
		}
		RequestContents contents = requests.contents(request);
		var subject = new DataSubject(request.account(), contents.email());
		if (request.kind() == RequestKind.ERASURE) {
			Erased erased = fulfilment.erase(subject);
			String counts = "removed " + summary(erased.removed()) + "; kept " + summary(erased.kept());
			timeline.record(request, TimelineEntry.Kind.FULFILLED, staff, null, counts.length() > 200 ? counts.substring(0, 200) : counts);
			mails.toRequester(request, contents.email(), "request-fulfilled", Map.of("erased", true));
		}
		else {
			timeline.record(request, TimelineEntry.Kind.FULFILLED, staff, fulfilment.access(subject), "json");
			mails.toRequester(request, contents.email(), "request-fulfilled", Map.of("erased", false));
		}
		events.publishEvent(new RequestEvents.RequestFulfilled(id, request.account(), staff, request.kind()));
	}

	/** Closes the request; a remaining ID copy is deleted with it. */
	@Transactional
	public void close(RequestId id, AccountId staff) {
		DataSubjectRequest request = find(id);
		request.close(clock.instant());
		requests.update(request);
		idCopies.delete(request, staff, "CLOSED");
		timeline.record(request, TimelineEntry.Kind.CLOSED, staff, null, null);
		events.publishEvent(new RequestEvents.RequestClosed(id, request.account(), staff));
	}

	private DataSubjectRequest find(RequestId id) {
		return requests.findById(id)
			.filter(r -> r.state() != RequestState.AWAITING_CONFIRMATION)
			.orElseThrow(() -> new NotFoundException("request"));
	}

	private static String requireText(String field, String text) {
		String stripped = text == null ? "" : text.strip();
		if (stripped.isEmpty() || stripped.length() > MAX_TEXT) {
			throw new InvalidInputException(field, "requests.invalid." + field);
		}
		return stripped;
	}

	private static String summary(Map<String, Integer> counts) {
		return counts.isEmpty() ? "nothing"
				: counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
	}
}
