package io.kluis.privacy.consent;

import io.kluis.privacy.policy.RegisterVersions;
import org.springframework.stereotype.Component;

/**
 * When a cookie choice has to be asked again (CON-2, POL-2). The rule, the simplest one that can be
 * defended: a choice made before the latest <em>significant</em> version of the privacy statement
 * was published is asked again: the banner returns, with the previous choice pre-ticked. A choice
 * remembers the newest published version when it was made ({@link CookieChoice#policyVersion()}),
 * and is due for renewal while that number is below the latest significant one.
 *
 * <p>Until the visitor answers, the previous choice stays in force. Consent is given per category,
 * and the categories are a fixed set (technical, functional, analytical, commercial), so a change
 * cannot add a category nobody was asked about; dropping the earlier choice would make a choice the
 * visitor did not make, in either direction. What a change within a category means for consent
 * (a new analytics provider, a longer lifetime) is judged by the provider, who marks such a
 * version significant; that is what brings the question back. Changes not marked significant never
 * re-ask: nobody should be nagged about a typo.
 *
 * <p>The first version never re-asks (there was nothing earlier to have chosen under), as it is
 * never announced. A cookie of the first format carries no version and counts as version 0.
 */
@Component
class ChoiceRenewal {

	private final RegisterVersions versions;

	ChoiceRenewal(RegisterVersions versions) {
		this.versions = versions;
	}

	/** Whether the banner must ask again about this choice. */
	boolean due(CookieChoice choice) {
		return choice.policyVersion() < versions.latestSignificantNumber();
	}

	/**
	 * The version a choice made now is made under: the newest published one on any node, so a
	 * choice made on a node still running an older register is not asked again at once.
	 */
	int versionForNewChoice() {
		return versions.newestNumber();
	}
}
