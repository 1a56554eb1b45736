package io.kluis.privacy.web;

import io.kluis.privacy.policy.PolicyAcknowledgements;
import io.kluis.shared.AccountId;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts {@code policyNotice} in every page's model: whether the logged-in customer still has to
 * acknowledge a significant policy change they were told about (POL-2); {@code layout.html} shows
 * the banner. Asked lazily, so only pages that render the layout query the database.
 */
@ControllerAdvice
class PolicyNoticeAdvice {

	/** Read by the layout as {@code ${policyNotice.pending}}. */
	static final class PolicyNotice {

		private final PolicyAcknowledgements acknowledgements;

		private final @Nullable AccountId account;

		private @Nullable OptionalInt pending;

		PolicyNotice(PolicyAcknowledgements acknowledgements, @Nullable AccountId account) {
			this.acknowledgements = acknowledgements;
			this.account = account;
		}

		public boolean isPending() {
			return version().isPresent();
		}

		public boolean getPending() {
			return isPending();
		}

		public OptionalInt version() {
			if (pending == null) {
				pending = account == null ? OptionalInt.empty() : acknowledgements.pending(account);
			}
			return pending;
		}
	}

	private final PolicyAcknowledgements acknowledgements;

	PolicyNoticeAdvice(PolicyAcknowledgements acknowledgements) {
		this.acknowledgements = acknowledgements;
	}

	@ModelAttribute("policyNotice")
	PolicyNotice policyNotice() {
		return new PolicyNotice(acknowledgements, customer(SecurityContextHolder.getContext().getAuthentication()));
	}

	/** The account id of a fully logged-in customer (the name of the authentication is the account id). */
	static @Nullable AccountId customer(@Nullable Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication.getAuthorities().stream().noneMatch(a -> "ROLE_CUSTOMER".equals(a.getAuthority()))) {
			return null;
		}
		try {
			return AccountId.parse(authentication.getName());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}
