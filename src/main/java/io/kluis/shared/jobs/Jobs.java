package io.kluis.shared.jobs;

import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.stereotype.Component;

/**
 * The one way Kluis runs its scheduled jobs. A {@code @Scheduled} method hands its work to
 * {@link #once} (on one node of the cluster at a time, under the job's lock) or {@link #run} (on
 * every node: for work on the node's own files or memory, or work that takes {@link #tryAcquire the
 * lock} itself because manual runs need it too). Both do nothing while {@code kluis.jobs.enabled} is
 * false, whoever switched Spring's scheduling on, and log a failure by job and exception class only
 * (a message could quote personal data), so the next run simply tries again.
 *
 * <p>Lock times are the database's, not the application {@code Clock}: nodes whose clocks differ,
 * or a test context whose clock was moved years ahead, must not hold a lock for years.
 */
@Component
public class Jobs {

	/** The switch: off for one-shot commands and for tests that run jobs by hand. */
	public static final String ENABLED = "kluis.jobs.enabled";

	/** The switch's former name; still honoured when {@link #ENABLED} is not set. */
	static final String ENABLED_BEFORE = "kluis.scheduling.enabled";

	private static final Logger log = LoggerFactory.getLogger(Jobs.class);

	private final LockProvider locks;

	private final boolean enabled;

	Jobs(LockProvider locks, Environment environment) {
		this.locks = locks;
		this.enabled = enabled(environment);
	}

	/** Whether scheduled jobs run with this configuration. */
	public static boolean enabled(PropertyResolver environment) {
		return environment.getProperty(ENABLED, Boolean.class,
				environment.getProperty(ENABLED_BEFORE, Boolean.class, true));
	}

	/**
	 * The job's cluster-wide lock for {@code lease}, or empty while another holder's lease runs. Not
	 * re-entrant: a second call for the same job gets nothing until the first lease is released.
	 */
	public Optional<JobLease> tryAcquire(String job, Duration lease) {
		return locks.lock(new LockConfiguration(ClockProvider.now(), job, lease, Duration.ZERO)).map(JobLease::new);
	}

	/**
	 * A scheduled job that must run on one node at a time: runs {@code work} when this node gets the
	 * lock, skips otherwise. Choose a lease longer than the work normally takes.
	 *
	 * @return whether the work ran (and did not fail)
	 */
	public boolean once(String job, Duration lease, Runnable work) {
		if (!enabled) {
			return false;
		}
		Optional<JobLease> held;
		try {
			held = tryAcquire(job, lease);
		}
		catch (RuntimeException e) {
			log.warn("event=job.lock-failed job={} error={}", job, e.getClass().getSimpleName());
			return false;
		}
		if (held.isEmpty()) {
			log.debug("event=job.skipped job={} reason=running-elsewhere", job);
			return false;
		}
		boolean ran = run(job, work);
		try {
			held.get().close();
		}
		catch (RuntimeException e) {
			// The lease then runs out by itself.
			log.warn("event=job.unlock-failed job={} error={}", job, e.getClass().getSimpleName());
		}
		return ran;
	}

	/**
	 * A scheduled job that runs on every node (or locks by itself).
	 *
	 * @return whether the work ran (and did not fail)
	 */
	public boolean run(String job, Runnable work) {
		if (!enabled) {
			return false;
		}
		try {
			work.run();
			return true;
		}
		catch (RuntimeException e) {
			// The database may be briefly unavailable; the next run tries again.
			log.warn("event=job.failed job={} error={}", job, e.getClass().getSimpleName());
			return false;
		}
	}
}
