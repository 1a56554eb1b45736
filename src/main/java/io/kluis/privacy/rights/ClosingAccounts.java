package io.kluis.privacy.rights;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.Evidence;
import io.kluis.privacy.Evidence.Kind;
import io.kluis.privacy.rights.Closures.State;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.PersonalDataHolder;
import io.kluis.shared.web.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure by closing the account (RIG-3, RET-5, RET-6), in steps that each happen once, so a closure
 * interrupted anywhere resumes where it stopped ({@link #resume}, also run by the housekeeping):
 * <ol>
 * <li>the confirmation mail is queued <em>without</em> a subject (its own key, not the account's,
 * so it survives the shredding; it says what is kept and until when) and the closure is recorded;</li>
 * <li>every holder erases, each in its own transaction together with its counts;</li>
 * <li>every browser session of the account is ended;</li>
 * <li>the subject's data key is destroyed (crypto-shredding: what is left sealed anywhere, in
 * backups too, becomes unreadable);</li>
 * <li>the evidence record (categories and counts, never contents) is written and audited.</li>
 * </ol>
 *
 * <p>The privacy module's own traces (export jobs and their files, restriction and objection states,
 * policy notices, request records) are erased by its holders in step 2, like any other module's
 * data, rather than deleted here directly: that way each is erased once, by the code that knows its
 * rules (request records are kept under a legal hold and minimised, not deleted), and counted in the
 * evidence. Because every step is recorded when done, a resumed closure repeats none of them.
 *
 * <p>The holders are given the account and, when known, its address, so data held under the address
 * alone (a newsletter subscription made without logging in, a request made before the account
 * existed) goes too, whichever order the holders run in. A closure resumed after a restart knows
 * the account only; holders then find what the account id leads to.
 */
@Service
class ClosingAccounts {

	private static final Logger log = LoggerFactory.getLogger(ClosingAccounts.class);

	private final Closures closures;

	private final List<PersonalDataHolder> holders;

	private final AccountDirectory directory;

	private final ErasureExplanation explanation;

	private final PersonalDataCipher cipher;

	private final Evidence evidence;

	private final Notifications notifications;

	private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ClosingAccounts(Closures closures, List<PersonalDataHolder> holders, AccountDirectory directory,
			ErasureExplanation explanation, PersonalDataCipher cipher, Evidence evidence, Notifications notifications,
			ObjectProvider<FindByIndexNameSessionRepository<?>> sessions, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.closures = closures;
		this.holders = List.copyOf(holders);
		this.directory = directory;
		this.explanation = explanation;
		this.cipher = cipher;
		this.evidence = evidence;
		this.notifications = notifications;
		this.sessions = sessions;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		steps(); // refuses to start with two holders of one id
	}

	/**
	 * Closes the account and erases it. The caller has re-authenticated the subject and had the
	 * closure confirmed. Calling it again (or for a closure that broke off) finishes the job.
	 *
	 * @throws NotFoundException when there is no such account and no closure of it
	 */
	void close(AccountId account, AccountId actor) {
		EmailAddress address = null;
		if (closures.state(account).isEmpty()) {
			var contact = directory.contact(account).orElseThrow(() -> new NotFoundException("account"));
			address = contact.email();
			var explained = explanation.explain(contact.locale(), clock.instant());
			transactions.executeWithoutResult(tx -> {
				if (closures.start(account, clock.instant())) {
					notifications.send(Mail.to(contact.email())
						.locale(contact.locale())
						.template("privacy/account-closed")
						.subject(null)
						.with("kept", explained.keptSummary())
						.with("anythingKept", !explained.kept().isEmpty())
						.build());
				}
			});
			log.info("event=privacy.closure.started account={}", account);
		}
		resume(account, actor, address);
	}

	/**
	 * Runs the remaining steps of a started closure. {@code address} is the account's address, or
	 * null to look it up (gone once identity's step ran).
	 */
	void resume(AccountId account, AccountId actor, @Nullable EmailAddress address) {
		var known = address != null ? address : directory.contact(account).map(c -> c.email()).orElse(null);
		var subject = new DataSubject(account, known);
		if (closures.state(account).orElse(State.DONE) == State.STARTED) {
			for (var step : steps().entrySet()) {
				if (!closures.stepDone(account, step.getKey())) {
					transactions.executeWithoutResult(tx -> closures.recordStep(account, step.getKey(),
							step.getValue().erase(subject)));
				}
			}
			endSessions(account);
			closures.advance(account, State.STARTED, State.ERASED);
		}
		if (closures.state(account).orElse(State.DONE) == State.ERASED) {
			cipher.destroyDataKey(account);
			closures.advance(account, State.ERASED, State.SHREDDED);
		}
		if (closures.state(account).orElse(State.DONE) == State.SHREDDED) {
			transactions.executeWithoutResult(tx -> {
				var total = closures.total(account);
				var entry = evidence.record(Kind.ERASURE, account, clock.instant(), false,
						total.removed(), total.kept());
				closures.finish(account, entry.id(), clock.instant());
				events.publishEvent(new AccountErased(account, actor, entry.id(), sum(total.removed()),
						sum(total.kept())));
			});
			log.info("event=privacy.closure.done account={}", account);
		}
	}

	/** Finishes closures a stopped node left half-way. */
	int resumeUnfinished() {
		var unfinished = closures.unfinished(clock.instant().minus(Duration.ofMinutes(2)));
		for (var account : unfinished) {
			try {
				resume(account, account, null);
			}
			catch (RuntimeException e) {
				log.warn("event=privacy.closure.resume-failed account={} error={}", account, e.getClass().getSimpleName());
			}
		}
		return unfinished.size();
	}

	boolean isClosed(AccountId account) {
		return closures.state(account).isPresent();
	}

	/**
	 * One step per holder, named by its stable {@link PersonalDataHolder#id()}. Closures started by a
	 * version that numbered the steps ("privacy#2") find none of their steps under these names and
	 * run each holder once more: erasing what is already erased changes nothing, where a renumbered
	 * step could have been skipped.
	 */
	private Map<String, PersonalDataHolder> steps() {
		var steps = new LinkedHashMap<String, PersonalDataHolder>();
		for (var holder : holders) {
			if (steps.putIfAbsent(holder.id(), holder) != null) {
				throw new IllegalStateException("two personal-data holders share the id " + holder.id()
						+ ": give each its own id()");
			}
		}
		return steps;
	}

	private void endSessions(AccountId account) {
		var repository = sessions.getIfAvailable();
		if (repository != null) {
			repository.findByPrincipalName(account.toString()).keySet().forEach(repository::deleteById);
		}
	}

	private static int sum(Map<String, Integer> counts) {
		return counts.values().stream().mapToInt(Integer::intValue).sum();
	}
}
