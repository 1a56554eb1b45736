package io.kluis.privacy.requests;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The timeline of each request in {@code privacy_request_events}; texts are sealed under the request's key. */
@Component
public class RequestTimeline {

	static final String TEXT_FIELD = "privacy.requests.timeline.text";

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final Clock clock;

	RequestTimeline(JdbcClient jdbc, PersonalDataCipher cipher, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.clock = clock;
	}

	void record(DataSubjectRequest request, TimelineEntry.Kind kind, @Nullable AccountId actor, @Nullable String text,
			@Nullable String detail) {
		Sealed sealed = cipher.sealNullable(request.keyOwner(), TEXT_FIELD, text);
		jdbc.sql("insert into privacy_request_events (id, request_id, occurred_at, kind, actor_id, text, detail) "
				+ "values (?, ?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), request.id().value(), Timestamp.from(clock.instant()), kind.name(),
					actor == null ? null : actor.value(), sealed == null ? null : sealed.bytes(), detail)
			.update();
	}

	/** In the order recorded (the clock may show equal times), texts opened. */
	public List<TimelineEntry> of(DataSubjectRequest request) {
		return jdbc.sql("select occurred_at, kind, actor_id, text, detail from privacy_request_events where request_id = ? "
				+ "order by seq")
			.param(request.id().value())
			.query((rs, i) -> {
				UUID actor = rs.getObject("actor_id", UUID.class);
				return new TimelineEntry(rs.getTimestamp("occurred_at").toInstant(),
						TimelineEntry.Kind.valueOf(rs.getString("kind")), actor == null ? null : new AccountId(actor),
						cipher.openNullable(request.keyOwner(), TEXT_FIELD, Sealed.fromNullableBytes(rs.getBytes("text"))),
						rs.getString("detail"));
			})
			.list();
	}
}
