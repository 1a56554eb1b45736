package io.kluis.identity.credentials;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;

/**
 * The offline blocklist NIST SP 800-63B asks for, built from nbvcxz's bundled lists (100,000 common
 * passwords, English words, first names, surnames, the EFF word list). A password is refused when
 * it equals an entry case-insensitively, or when nbvcxz estimates fewer than
 * {@link #DEFAULT_MINIMUM_ENTROPY_BITS} bits of guessing entropy: that catches list entries with
 * trivial changes ("Password123456789", keyboard walks, "iloveyouiloveyou", leetspeak), which score
 * below 20 bits, while random 8-character strings and passphrases of a few uncommon words score well
 * above. The threshold is about a billion guesses: far out of reach online under rate limiting.
 * <p>
 * Building the estimator loads the dictionaries (about half a second, some tens of MB), so build one
 * rule per application. {@link #check} is thread-safe: nbvcxz keeps no state between estimates.
 */
public final class BlocklistRule implements PasswordRule {

	public static final String ID = "password.blocklisted";

	/** Guessing entropy in bits below which a password counts as blocklisted. */
	public static final double DEFAULT_MINIMUM_ENTROPY_BITS = 30;

	private final List<Dictionary> dictionaries;

	/** Lower-cased forms of the few entries stored with capitals, so exact matching ignores case. */
	private final Set<String> foldedMixedCaseEntries = new HashSet<>();

	private final Nbvcxz estimator;

	private final double minimumEntropyBits;

	public BlocklistRule(double minimumEntropyBits) {
		this.dictionaries = ConfigurationBuilder.getDefaultDictionaries();
		for (Dictionary dictionary : dictionaries) {
			for (String entry : dictionary.getDictonary().keySet()) {
				String folded = entry.toLowerCase(Locale.ROOT);
				if (!folded.equals(entry)) {
					foldedMixedCaseEntries.add(folded);
				}
			}
		}
		this.estimator = new Nbvcxz(new ConfigurationBuilder().setDictionaries(dictionaries)
			.setLocale(Locale.ROOT)
			.createConfiguration());
		this.minimumEntropyBits = minimumEntropyBits;
	}

	public BlocklistRule() {
		this(DEFAULT_MINIMUM_ENTROPY_BITS);
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public Optional<PasswordViolation> check(PasswordCandidate candidate) {
		String password = candidate.normalized();
		boolean blocked = listed(password.toLowerCase(Locale.ROOT)) || entropyBits(password) < minimumEntropyBits;
		return blocked ? Optional.of(PasswordViolation.of(ID)) : Optional.empty();
	}

	/** nbvcxz's estimate in bits; for tests and for tuning the threshold. */
	public double entropyBits(String password) {
		return estimator.estimate(password).getEntropy();
	}

	private boolean listed(String folded) {
		if (foldedMixedCaseEntries.contains(folded)) {
			return true;
		}
		for (Dictionary dictionary : dictionaries) {
			if (dictionary.getDictonary().containsKey(folded)) {
				return true;
			}
		}
		return false;
	}
}
