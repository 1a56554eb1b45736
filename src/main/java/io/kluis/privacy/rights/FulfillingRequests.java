package io.kluis.privacy.rights;

import io.kluis.privacy.Evidence;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.requests.RequestFulfilment;
import io.kluis.privacy.rights.Closures.State;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The privacy officer's "fulfil" of a request made without login ({@code privacy.requests}), carried
 * out by the self-service engine, so a right works the same whichever way it is asked for:
 * <ul>
 * <li><b>access, portability</b> (RIG-1, RIG-5, RIG-8): the {@code kluis-export/1} {@code data.json}
 * of the self-service ZIP, from the same holders and written by the same code
 * ({@link ExportArchive#dataJson}), as one document;</li>
 * <li><b>erasure of someone with an account</b> (RIG-3, RET-5): the account is closed exactly as when
 * its holder closes it ({@link ClosingAccounts}: every holder, sessions ended, crypto-shredding,
 * evidence, the confirmation mail). When the request came from another address than the account's,
 * what is held under that address is erased too, with an evidence record of its own;</li>
 * <li><b>erasure of someone without one</b> (a former customer, a newsletter-only subscriber): every
 * holder erases what it holds under the address, and one evidence record keeps the counts (RET-6).</li>
 * </ul>
 * Runs outside any transaction (see {@link RequestFulfilment}): a closure commits step by step.
 */
@Component
class FulfillingRequests implements RequestFulfilment {

	private final ExportingPersonalData exporting;

	private final ClosingAccounts closing;

	private final Closures closures;

	private final List<PersonalDataHolder> holders;

	private final AccountDirectory directory;

	private final Evidence evidence;

	private final ProcessingRegister register;

	private final Clock clock;

	FulfillingRequests(ExportingPersonalData exporting, ClosingAccounts closing, Closures closures,
			List<PersonalDataHolder> holders, AccountDirectory directory, Evidence evidence,
			ProcessingRegister register, Clock clock) {
		this.exporting = exporting;
		this.closing = closing;
		this.closures = closures;
		this.holders = List.copyOf(holders);
		this.directory = directory;
		this.evidence = evidence;
		this.register = register;
		this.clock = clock;
	}

	@Override
	public String access(DataSubject subject, Locale locale) {
		return ExportArchive.dataJson(subject.account(), clock.instant(), locale, register, exporting.collect(subject));
	}

	@Override
	public Erased erase(DataSubject subject, AccountId actor) {
		var account = closableAccount(subject);
		if (account.isEmpty()) {
			return eraseByAddress(subject);
		}
		var own = directory.contact(account.get()).map(c -> c.email()).orElse(null);
		closing.close(account.get(), actor);
		var total = closures.total(account.get());
		EmailAddress requested = subject.email();
		if (requested == null || requested.equals(own) || own == null) {
			return total;
		}
		return sum(total, eraseByAddress(new DataSubject(null, requested)));
	}

	/**
	 * The account to close: the request's, or else the one now registered under its address; only if
	 * it still exists or its closure is unfinished. A closure already done leaves the address only.
	 */
	private Optional<AccountId> closableAccount(DataSubject subject) {
		var byAddress = subject.email() == null ? Optional.<AccountId>empty() : directory.findByEmail(subject.email());
		return Stream.concat(Optional.ofNullable(subject.account()).stream(), byAddress.stream())
			.filter(id -> directory.contact(id).isPresent()
					|| closures.state(id).filter(state -> state != State.DONE).isPresent())
			.findFirst();
	}

	private Erased eraseByAddress(DataSubject subject) {
		var removed = new TreeMap<String, Integer>();
		var kept = new TreeMap<String, Integer>();
		for (PersonalDataHolder holder : holders) {
			Erased erased = holder.erase(subject);
			erased.removed().forEach((category, count) -> removed.merge(category, count, Integer::sum));
			erased.kept().forEach((category, count) -> kept.merge(category, count, Integer::sum));
		}
		evidence.record(Evidence.Kind.ERASURE, subject.account(), clock.instant(), false, removed, kept);
		return new Erased(removed, kept);
	}

	private static Erased sum(Erased a, Erased b) {
		return new Erased(merge(a.removed(), b.removed()), merge(a.kept(), b.kept()));
	}

	private static Map<String, Integer> merge(Map<String, Integer> a, Map<String, Integer> b) {
		var merged = new TreeMap<>(a);
		b.forEach((category, count) -> merged.merge(category, count, Integer::sum));
		return merged;
	}
}
