package io.kluis.privacy.rights;

import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.Erased;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Account closures in progress or done ({@code privacy_closures}, {@code privacy_closure_steps}). */
@Repository
class Closures {

	/** The steps of a closure, in order; each is done once, so an interrupted closure resumes. */
	enum State {
		STARTED, ERASED, SHREDDED, DONE
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<TreeMap<String, Integer>> COUNTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	Closures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<State> state(AccountId account) {
		return jdbc.sql("select state from privacy_closures where account_id = ?")
			.param(account.value())
			.query((rs, i) -> State.valueOf(rs.getString(1)))
			.optional();
	}

	/** False when a closure of the account had already started. */
	boolean start(AccountId account, Instant now) {
		try {
			jdbc.sql("insert into privacy_closures (account_id, state, started_at) values (?, 'STARTED', ?)")
				.params(account.value(), Timestamp.from(now))
				.update();
			return true;
		}
		catch (DuplicateKeyException alreadyStarted) {
			return false;
		}
	}

	void advance(AccountId account, State from, State to) {
		jdbc.sql("update privacy_closures set state = ? where account_id = ? and state = ?")
			.params(to.name(), account.value(), from.name())
			.update();
	}

	void finish(AccountId account, UUID evidence, Instant now) {
		jdbc.sql("update privacy_closures set state = 'DONE', finished_at = ?, evidence_id = ? "
				+ "where account_id = ? and state = 'SHREDDED'")
			.params(Timestamp.from(now), evidence, account.value())
			.update();
	}

	/** Closures that stopped half-way (a node went down) and started before the given moment. */
	List<AccountId> unfinished(Instant startedBefore) {
		return jdbc.sql("select account_id from privacy_closures where state <> 'DONE' and started_at < ?")
			.param(Timestamp.from(startedBefore))
			.query((rs, i) -> new AccountId(rs.getObject(1, UUID.class)))
			.list();
	}

	boolean stepDone(AccountId account, String step) {
		return jdbc.sql("select count(*) from privacy_closure_steps where account_id = ? and module = ?")
			.params(account.value(), step)
			.query(Long.class)
			.single() > 0;
	}

	void recordStep(AccountId account, String step, Erased erased) {
		jdbc.sql("insert into privacy_closure_steps (account_id, module, removed, kept) values (?, ?, ?, ?)")
			.params(account.value(), step, JSON.writeValueAsString(new TreeMap<>(erased.removed())),
					JSON.writeValueAsString(new TreeMap<>(erased.kept())))
			.update();
	}

	/** The counts of every step, summed per category. */
	Erased total(AccountId account) {
		var removed = new TreeMap<String, Integer>();
		var kept = new TreeMap<String, Integer>();
		jdbc.sql("select removed, kept from privacy_closure_steps where account_id = ?")
			.param(account.value())
			.query((rs, i) -> {
				add(removed, JSON.readValue(rs.getString(1), COUNTS));
				add(kept, JSON.readValue(rs.getString(2), COUNTS));
				return null;
			})
			.list();
		return new Erased(removed, kept);
	}

	private static void add(Map<String, Integer> into, Map<String, Integer> counts) {
		counts.forEach((category, count) -> into.merge(category, count, Integer::sum));
	}
}
