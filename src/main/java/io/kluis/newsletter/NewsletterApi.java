package io.kluis.newsletter;

import io.kluis.identity.AccountDetails;
import io.kluis.identity.AccountLookup;
import io.kluis.newsletter.Subscription.Status;
import io.kluis.privacy.ConsentSource;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.shared.web.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The newsletter over the API (HTTP Basic with an app password), for the caller's own account
 * address (CON-1). Signing up still takes the click on the mailed link: {@code PUT} only starts the
 * double opt-in, exactly as the panel does, and the proof of consent remains the owner's click.
 * {@code DELETE} withdraws at once and is recorded in the consent ledger with source {@code api}.
 */
@RestController
@RequestMapping("/api/v1/me/newsletter")
@PreAuthorize("hasRole('CUSTOMER')")
class NewsletterApi {

	/**
	 * @param state {@code none}, {@code pending} (the confirmation mail is out) or {@code subscribed}
	 * @param since when the sign-up was requested (pending) or confirmed (subscribed)
	 * @param confirmBefore until when the mailed link works (pending only)
	 * @param policyVersion the privacy statement version the latest proof was recorded under
	 */
	record NewsletterState(String state, @Nullable Instant since, @Nullable Instant confirmBefore,
			@Nullable String policyVersion, @Nullable String language) {
	}

	/** @param language {@code nl} or {@code en}; the account's language when absent */
	record SignUp(@Nullable String language) {
	}

	private final Newsletter newsletter;

	private final AccountLookup accounts;

	NewsletterApi(Newsletter newsletter, AccountLookup accounts) {
		this.newsletter = newsletter;
		this.accounts = accounts;
	}

	@Operation(summary = "Your newsletter subscription: none, pending (confirmation mailed) or subscribed (CON-1)")
	@GetMapping
	NewsletterState state(Authentication authentication) {
		return state(newsletter.standing(contact(authentication).id()));
	}

	@Operation(summary = "Sign up for the newsletter (CON-1): 202, a confirmation link is mailed to your account "
			+ "address and only its use subscribes you; 200 when already subscribed; 409 while you restrict "
			+ "processing or object to direct marketing")
	@PutMapping
	ResponseEntity<NewsletterState> subscribe(@RequestBody(required = false) @Nullable SignUp body,
			Authentication authentication, HttpServletRequest request) {
		AccountDetails contact = contact(authentication);
		Optional<Subscription> standing = newsletter.standing(contact.id());
		if (standing.isPresent() && standing.get().status() == Status.CONFIRMED) {
			return ResponseEntity.ok(state(standing));
		}
		newsletter.request(contact.email(), locale(body, contact), contact.id(), ConsentSource.API,
				request.getRemoteAddr());
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/me/newsletter"))
			.body(state(newsletter.standing(contact.id())));
	}

	@Operation(summary = "Unsubscribe (or cancel a pending sign-up) at once; 204, also when there was nothing to withdraw")
	@DeleteMapping
	ResponseEntity<Void> withdraw(Authentication authentication) {
		newsletter.withdrawFor(contact(authentication).id(), ConsentSource.API);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(SubscriptionRefused.class)
	ProblemDetail refused(SubscriptionRefused e) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
		problem.setTitle("Newsletter not possible now");
		problem.setProperty("reason", e.reason().code());
		return problem;
	}

	private NewsletterState state(Optional<Subscription> standing) {
		if (standing.isEmpty()) {
			return new NewsletterState("none", null, null, null, null);
		}
		Subscription s = standing.get();
		boolean confirmed = s.status() == Status.CONFIRMED;
		return new NewsletterState(confirmed ? "subscribed" : "pending", confirmed ? s.confirmedAt() : s.requestedAt(),
				confirmed ? null : s.lapsesAt(), newsletter.policyVersion(s).orElse(null), s.locale().getLanguage());
	}

	private static Locale locale(@Nullable SignUp body, AccountDetails contact) {
		String language = body == null || body.language() == null ? contact.language().getLanguage() : body.language();
		if (body != null && body.language() != null && !"nl".equals(language) && !"en".equals(language)) {
			throw new InvalidInputException("language", "language must be nl or en");
		}
		return Locale.forLanguageTag(NewsletterController.language(language));
	}

	private AccountDetails contact(Authentication authentication) {
		AccountId account = SignedIn.of(authentication).orElseThrow(() -> new NotFoundException("account"));
		return accounts.find(account).orElseThrow(() -> new NotFoundException("account"));
	}
}
