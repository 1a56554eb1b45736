package io.kluis.privacy;

import io.kluis.shared.AccountId;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/** Browser sessions for tests, stored through Spring Session as a login stores them. */
public final class TestSessions {

	private final FindByIndexNameSessionRepository<Session> sessions;

	private final JdbcClient jdbc;

	@SuppressWarnings({ "unchecked", "rawtypes" })
	public TestSessions(FindByIndexNameSessionRepository<? extends Session> sessions, JdbcClient jdbc) {
		this.sessions = (FindByIndexNameSessionRepository) sessions;
		this.jdbc = jdbc;
	}

	/** A session of the account, as the login creates it; returns its id. */
	public String open(AccountId account, String device) {
		Session session = sessions.createSession();
		session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, account.toString());
		session.setAttribute("kluis.device", device);
		sessions.save(session);
		return session.getId();
	}

	/**
	 * Dates the session's last use back, keeping it unexpired (a long idle timeout), so only the
	 * retention rule, not the expiry clean-up, can remove it.
	 */
	public void lastUsedAt(String sessionId, Instant lastUsed) {
		jdbc.sql("update spring_session set last_access_time = ?, max_inactive_interval = ?, expiry_time = ? "
				+ "where session_id = ?")
			.params(lastUsed.toEpochMilli(), 30 * 24 * 3600, lastUsed.plusSeconds(30 * 24 * 3600).toEpochMilli(), sessionId)
			.update();
	}

	public boolean exists(String sessionId) {
		return jdbc.sql("select count(*) from spring_session where session_id = ?")
			.param(sessionId)
			.query(Long.class)
			.single() > 0;
	}
}
