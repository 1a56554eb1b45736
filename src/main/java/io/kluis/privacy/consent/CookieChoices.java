package io.kluis.privacy.consent;

import io.kluis.privacy.ConsentAction;
import io.kluis.privacy.ConsentRecord;
import io.kluis.privacy.ConsentSource;
import io.kluis.privacy.register.ProcessingRegister.CookieCategory;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Making, changing and withdrawing a cookie choice (CON-2): the choice goes into the technical
 * cookie, a proof into the ledger (with the account id when logged in, otherwise only the random
 * consent id; never an IP address), and cookies the new choice no longer permits are deleted at once.
 * Choosing again after a significant policy change ({@link ChoiceRenewal}) is recorded like any choice.
 */
@Service
class CookieChoices {

	private static final Logger log = LoggerFactory.getLogger(CookieChoices.class);

	private final ConsentCookies cookies;

	private final ConsentLedger ledger;

	private final ChoiceRenewal renewal;

	CookieChoices(ConsentCookies cookies, ConsentLedger ledger, ChoiceRenewal renewal) {
		this.cookies = cookies;
		this.ledger = ledger;
		this.renewal = renewal;
	}

	@Transactional
	public CookieChoice choose(HttpServletRequest request, HttpServletResponse response, Set<CookieCategory> granted,
			ConsentSource source) {
		Optional<CookieChoice> previous = cookies.choice(request);
		var choice = new CookieChoice(previous.map(CookieChoice::consentId).orElseGet(UUID::randomUUID), granted,
				renewal.versionForNewChoice());
		boolean withdrawal = choice.granted().isEmpty() && previous.map(p -> !p.granted().isEmpty()).orElse(false);
		AccountId account = SignedIn.now().orElse(null);
		ledger.append(choice.consentId(), account, null, ConsentRecord.COOKIES,
				withdrawal ? ConsentAction.WITHDRAWN : ConsentAction.CHOSEN, choice.describe(), source, null);
		cookies.remember(request, response, choice);
		cookies.expireUnpermitted(request, response, choice);
		log.info("event=privacy.cookies.chosen consent={} granted={} source={}", choice.consentId(), choice.describe(),
				source.code());
		return choice;
	}
}
