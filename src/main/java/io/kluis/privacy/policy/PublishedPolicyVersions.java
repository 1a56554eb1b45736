package io.kluis.privacy.policy;

import io.kluis.privacy.PolicyVersions;
import org.springframework.stereotype.Component;

/** {@link PolicyVersions} as {@link PublishedPolicy} knows it: the number of the version this node shows. */
@Component
class PublishedPolicyVersions implements PolicyVersions {

	private final PublishedPolicy policy;

	PublishedPolicyVersions(PublishedPolicy policy) {
		this.policy = policy;
	}

	@Override
	public String current() {
		return Integer.toString(policy.current().number());
	}
}
