package io.kluis.privacy.retention;

import io.kluis.privacy.Evidence;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.RetentionRule;
import io.kluis.shared.jobs.JobLease;
import io.kluis.shared.jobs.Jobs;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the register's retention rules (RET-2, RET-3): for each rule, the cutoff is the run's
 * "as of" moment minus the rule's period (calendar arithmetic in {@code kluis.privacy.retention.zone}),
 * and the module holding the category removes what its trigger moment puts before the cutoff.
 *
 * <p>Each rule runs in a transaction of its own, together with its evidence record (RET-6): a
 * deletion never commits without its proof, and an interrupted run leaves whole rules done or not
 * done; running again (same or later date) removes the rest and finds nothing twice, so runs are
 * idempotent. A real run therefore leaves one evidence record per rule, all with the run's
 * {@code asOf}, also when nothing was removed (so the record shows the job ran). Dry runs count
 * without deleting and leave no evidence: nothing was deleted, so there is nothing to prove.
 *
 * <p>Real runs take the cluster-wide job lock {@value #JOB} (also when started by hand, so a manual
 * run never overlaps the nightly one on another node), renewed after every rule so a long run keeps
 * it; dry runs need no lock.
 */
@Service
public class RetentionEngine {

	private static final Logger log = LoggerFactory.getLogger(RetentionEngine.class);

	/** The job lock's name. */
	static final String JOB = "privacy.retention";

	private final ProcessingRegister register;

	private final List<PersonalDataHolder> holders;

	private final Evidence evidence;

	private final Jobs jobs;

	private final RetentionProperties properties;

	private final TransactionTemplate transactions;

	RetentionEngine(ProcessingRegister register, List<PersonalDataHolder> holders, Evidence evidence,
			Jobs jobs, RetentionProperties properties, PlatformTransactionManager transactionManager) {
		this.register = register;
		this.holders = List.copyOf(holders);
		this.evidence = evidence;
		this.jobs = jobs;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Every rule of the register, as of the given moment. */
	public RetentionRun run(Instant asOf, boolean dryRun) {
		return run(asOf, dryRun, Set.of());
	}

	/**
	 * The rules with the given ids (all when empty), as of the given moment.
	 *
	 * @throws RetentionBusyException for a real run while another one holds the lock
	 * @throws IllegalArgumentException for an unknown rule id
	 */
	public RetentionRun run(Instant asOf, boolean dryRun, Set<String> ruleIds) {
		var rules = rules(ruleIds);
		if (dryRun) {
			return new RetentionRun(asOf, true, rules.stream().map(rule -> apply(rule, asOf, true)).toList());
		}
		try (JobLease lock = jobs.tryAcquire(JOB, properties.lease()).orElseThrow(RetentionBusyException::new)) {
			var results = new ArrayList<RetentionRun.RuleResult>();
			boolean held = true;
			for (RetentionRule rule : rules) {
				results.add(apply(rule, asOf, false));
				if (held && !lock.extend(properties.lease())) {
					// A rule outran the lease (kluis.privacy.retention.lease) and another node may have
					// started a run. Rules are idempotent, so both finishing is harmless; say so once.
					held = false;
					log.warn("event=privacy.retention.lock-lost rule={}", rule.id());
				}
			}
			var run = new RetentionRun(asOf, false, results);
			log.info("event=privacy.retention.run asOf={} rules={} removed={} failed={}", asOf, results.size(),
					run.total(), run.failed());
			return run;
		}
	}

	/** The register's rules (for listing). */
	public List<RetentionRule> rules() {
		return register.retention();
	}

	/** The moment before which a rule's items have outlived their period, as of {@code asOf}. */
	public Instant cutoff(RetentionRule rule, Instant asOf) {
		return asOf.atZone(properties.zone()).minus(rule.period()).toInstant();
	}

	/** The module holding a rule's category. */
	public String module(RetentionRule rule) {
		return holder(rule).module();
	}

	private RetentionRun.RuleResult apply(RetentionRule rule, Instant asOf, boolean dryRun) {
		Instant cutoff = cutoff(rule, asOf);
		PersonalDataHolder holder = holder(rule);
		try {
			String trigger = rule.trigger().name().toLowerCase(Locale.ROOT);
			Integer count = dryRun ? holder.applyRetention(rule.category(), trigger, cutoff, true)
					: transactions.execute(status -> {
						int removed = holder.applyRetention(rule.category(), trigger, cutoff, false);
						evidence.record(Evidence.Kind.RETENTION, null, asOf, false, Map.of(rule.category(), removed),
								Map.of());
						return removed;
					});
			return result(rule, holder, cutoff, count == null ? 0 : count, null);
		}
		catch (RuntimeException e) {
			// Logged by class and rule only: a message could quote data.
			log.error("event=privacy.retention.failed rule={} error={}", rule.id(), e.getClass().getSimpleName());
			return result(rule, holder, cutoff, 0, e.getClass().getSimpleName());
		}
	}

	private static RetentionRun.RuleResult result(RetentionRule rule, PersonalDataHolder holder, Instant cutoff,
			int count, @Nullable String error) {
		return new RetentionRun.RuleResult(rule.id(), rule.category(), holder.module(), rule.trigger(), rule.period(),
				cutoff, count, error);
	}

	private List<RetentionRule> rules(Set<String> ids) {
		var unknown = ids.stream().filter(id -> register.retention().stream().noneMatch(r -> r.id().equals(id))).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("unknown retention rule(s): " + String.join(", ", unknown));
		}
		return register.retention().stream().filter(r -> ids.isEmpty() || ids.contains(r.id())).toList();
	}

	/** The start-up coverage check guarantees exactly one holder per declared category. */
	private PersonalDataHolder holder(RetentionRule rule) {
		String module = register.category(rule.category()).orElseThrow().heldBy();
		return holders.stream()
			.filter(h -> h.module().equals(module) && h.categories().contains(rule.category()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no holder for category " + rule.category()));
	}
}
