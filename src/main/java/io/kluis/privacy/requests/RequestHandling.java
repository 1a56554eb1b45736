package io.kluis.privacy.requests;

import io.kluis.audit.AuditTrail;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

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

	private final TransactionTemplate transactions;

	private final Clock clock;

	RequestHandling(DataSubjectRequests requests, RequestTimeline timeline, RequestMails mails, IdCopies idCopies,
			RequestFulfilment fulfilment, AuditTrail audit, ApplicationEventPublisher events,
			RequestsProperties properties, TransactionTemplate transactions, Clock clock) {
		this.requests = requests;
		this.timeline = timeline;
		this.mails = mails;
		this.idCopies = idCopies;
		this.fulfilment = fulfilment;
		this.audit = audit;
		this.events = events;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * What the officer's detail page shows: opening it is a staff read of personal data, so it is
	 * audited. {@code contents} is null once the request was minimised after its subject's erasure.
	 */
	public record Details(DataSubjectRequest request, @Nullable RequestContents contents, List<TimelineEntry> timeline,
			Optional<Boolean> idCopyStoredAndViewed) {
	}

	@Transactional
	public Details read(RequestId id, AccountId staff) {
		DataSubjectRequest request = find(id);
		audit.record("privacy.request.read", staff, request.account(), Map.of("request", id.toString()));
		return new Details(request, requests.keptContents(request).orElse(null), timeline.of(request),
				idCopies.storedAndViewed(id));
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
	 *
	 * <p>Not one transaction: the fulfilment commits its own steps (an account closure must not be
	 * rolled back half-way, and ends sessions in transactions of its own, which would wait for a lock
	 * held by an enclosing one). The timeline entry, the mail and the event are then stored together.
	 * A failure in between leaves the request open, and fulfilling again is safe (both are idempotent).
	 */
	public void fulfil(RequestId id, AccountId staff) {
		DataSubjectRequest request = find(id);
		request.requireIdentityEstablished();
		if (!request.kind().fulfilledByEngine()) {
			throw new RequestRefused("not-fulfillable");
		}
		RequestContents contents = requests.contents(request);
		var subject = new DataSubject(request.account(), contents.email());
		if (request.kind() == RequestKind.ERASURE) {
			Erased erased = fulfilment.erase(subject, staff);
			String counts = "removed " + summary(erased.removed()) + "; kept " + summary(erased.kept());
			recordFulfilled(request, staff, contents, null, counts.length() > 200 ? counts.substring(0, 199) + "…" : counts);
		}
		else {
			recordFulfilled(request, staff, contents, fulfilment.access(subject, request.locale()), "json");
		}
	}

	private void recordFulfilled(DataSubjectRequest request, AccountId staff, RequestContents contents,
			@Nullable String text, String detail) {
		transactions.executeWithoutResult(tx -> {
			timeline.record(request, TimelineEntry.Kind.FULFILLED, staff, text, detail);
			mails.toRequester(request, contents.email(), "request-fulfilled",
					Map.of("erased", request.kind() == RequestKind.ERASURE));
			events.publishEvent(new RequestEvents.RequestFulfilled(request.id(), request.account(), staff, request.kind()));
		});
	}

	/**
	 * Closes the request; a remaining ID copy is deleted with it. When the requester's data was erased
	 * while the request was open, the request is minimised now that its answer went out.
	 */
	@Transactional
	public void close(RequestId id, AccountId staff) {
		DataSubjectRequest request = find(id);
		request.close(clock.instant());
		requests.update(request);
		idCopies.delete(request, staff, "CLOSED");
		timeline.record(request, TimelineEntry.Kind.CLOSED, staff, null, null);
		if (requests.subjectErased(id)) {
			requests.minimise(request, clock.instant());
		}
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

	/** Non-zero counts by category, in a stable order; the evidence record has them all (RET-6). */
	private static String summary(Map<String, Integer> counts) {
		String nonZero = new TreeMap<>(counts).entrySet().stream().filter(e -> e.getValue() > 0)
			.map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
		return nonZero.isEmpty() ? "nothing" : nonZero;
	}
}
