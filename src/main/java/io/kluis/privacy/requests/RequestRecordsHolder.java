package io.kluis.privacy.requests;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The request engine's side of the privacy SPI: {@code privacy-requests} (the requests, their
 * timelines, tokens and reminders) and {@code id-copies}. A subject's requests are those made from
 * the subject's address or confirmed for the subject's account.
 *
 * <p><b>Erasure</b> keeps the request records: the register's {@code privacy-requests} rule is a legal
 * hold (accountability, AVG art. 5(2) and 12: showing that a request was answered, in time, and how),
 * so they are counted as kept. Kept does not mean readable: a closed request is minimised at once
 * (address, blind index, name, message and answers cleared, its key destroyed); an open one is marked
 * and minimised when the privacy officer closes it, because the answer to it, typically "your data
 * is erased", must still reach the requester. Unconfirmed requests are deleted (nobody proved the
 * address was theirs, so there is nothing to account for), and so is any ID copy. The staff ids in
 * the timelines of other people's requests stay: they are part of those records.
 *
 * <p><b>Retention</b>: a request goes, with everything attached, one year after it was closed
 * (trigger {@code CLOSED}); an ID copy 7 days after its upload at the latest (trigger
 * {@code RECORDED}), if the check did not delete it before.
 */
@Component
class RequestRecordsHolder implements PersonalDataHolder {

	static final String REQUESTS = "privacy-requests";

	static final String ID_COPIES = "id-copies";

	private final DataSubjectRequests requests;

	private final RequestTimeline timeline;

	private final IdCopies idCopies;

	private final PersonalDataCipher cipher;

	private final Clock clock;

	RequestRecordsHolder(DataSubjectRequests requests, RequestTimeline timeline, IdCopies idCopies,
			PersonalDataCipher cipher, Clock clock) {
		this.requests = requests;
		this.timeline = timeline;
		this.idCopies = idCopies;
		this.cipher = cipher;
		this.clock = clock;
	}

	@Override
	public String module() {
		return "privacy";
	}

	@Override
	public String id() {
		return "privacy.requests";
	}

	@Override
	public Set<String> categories() {
		return Set.of(REQUESTS, ID_COPIES);
	}

	@Override
	public Set<String> keptOnErasure() {
		return Set.of(REQUESTS);
	}

	@Override
	public Map<String, String> personalColumns() {
		return Map.of("privacy_requests.account_id", REQUESTS, "privacy_requests.email", REQUESTS,
				"privacy_requests.email_index", REQUESTS, "privacy_requests.name", REQUESTS,
				"privacy_requests.message", REQUESTS, "privacy_request_events.actor_id", REQUESTS,
				"privacy_request_events.text", REQUESTS, "privacy_request_id_copies.content", ID_COPIES);
	}

	@Override
	@Transactional(readOnly = true)
	public List<ExportedCategory> export(DataSubject subject) {
		var rows = new ArrayList<Map<String, Object>>();
		var copies = new ArrayList<Map<String, Object>>();
		for (DataSubjectRequest request : requests.of(subject.account(), subject.email())) {
			rows.add(row(request));
			idCopies.describe(request).ifPresent(copies::add);
		}
		return List.of(ExportedCategory.of(REQUESTS, List.of("reference", "kind", "state", "email", "name", "message",
				"receivedAt", "confirmedAt", "dueAt", "closedAt", "timeline"), rows),
				ExportedCategory.of(ID_COPIES, List.of("request", "contentType", "sizeBytes", "uploadedAt", "viewedAt"),
						copies));
	}

	private Map<String, Object> row(DataSubjectRequest request) {
		var contents = requests.keptContents(request);
		var row = new LinkedHashMap<String, Object>();
		row.put("reference", request.id().reference());
		row.put("kind", request.kind().name());
		row.put("state", request.state().name());
		row.put("email", contents.map(c -> c.email().value()).orElse(null));
		row.put("name", contents.map(RequestContents::name).orElse(null));
		row.put("message", contents.map(RequestContents::message).orElse(null));
		row.put("receivedAt", request.receivedAt().toString());
		row.put("confirmedAt", request.deadline() == null ? null : request.deadline().confirmedAt().toString());
		row.put("dueAt", request.deadline() == null ? null : request.deadline().due().toString());
		row.put("closedAt", text(request.closedAt()));
		row.put("timeline", timeline.of(request).stream().filter(e -> e.kind().shownToRequester())
			.map(RequestRecordsHolder::entry).collect(Collectors.joining("\n")));
		return row;
	}

	/** One line per step; an access document is named, not repeated (it is this export's own content). */
	private static String entry(TimelineEntry e) {
		boolean document = "json".equals(e.detail());
		return e.at() + " " + e.kind() + (e.text() == null || document ? "" : ": " + e.text());
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		int deleted = 0;
		int kept = 0;
		int copies = 0;
		Instant now = clock.instant();
		for (DataSubjectRequest request : requests.of(subject.account(), subject.email())) {
			if (idCopies.delete(request, null, "ERASED")) {
				copies++;
			}
			switch (request.state()) {
				case AWAITING_CONFIRMATION:
					deleted += requests.delete(request.id());
					cipher.destroyDataKey(request.keyOwner());
					break;
				case OPEN:
					requests.markSubjectErased(request.id(), now);
					kept++;
					break;
				case CLOSED:
					requests.minimise(request, now);
					kept++;
					break;
				default:
					throw new IllegalStateException("unknown request state " + request.state());
			}
		}
		var removed = new LinkedHashMap<String, Integer>();
		if (deleted > 0) {
			removed.put(REQUESTS, deleted);
		}
		if (copies > 0) {
			removed.put(ID_COPIES, copies);
		}
		return new Erased(removed, kept == 0 ? Map.of() : Map.of(REQUESTS, kept));
	}

	@Override
	@Transactional
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		switch (category) {
			case REQUESTS:
				return expireRequests(cutoff, dryRun);
			case ID_COPIES:
				return idCopies.deleteUploadedBefore(cutoff, dryRun);
			default:
				throw new IllegalArgumentException("the request engine holds no category '" + category + "'");
		}
	}

	/** Deletes closed requests past their period (events, tokens and reminders cascade) and destroys their keys. */
	private int expireRequests(Instant cutoff, boolean dryRun) {
		var expired = requests.closedBefore(cutoff);
		if (!dryRun) {
			for (DataSubjectRequest request : expired) {
				idCopies.delete(request, null, "EXPIRED");
				requests.delete(request.id());
				cipher.destroyDataKey(request.keyOwner());
			}
		}
		return expired.size();
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return instant == null ? null : instant.toString();
	}
}
