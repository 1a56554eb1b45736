package io.kluis.storage.breakglass;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.AccountDetails;
import io.kluis.identity.AccountLookup;
import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.storage.breakglass.BreakGlassEvent.BreakGlassApproved;
import io.kluis.storage.breakglass.BreakGlassEvent.BreakGlassDeclined;
import io.kluis.storage.breakglass.BreakGlassEvent.BreakGlassRequested;
import io.kluis.storage.breakglass.BreakGlassEvent.BreakGlassRevoked;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The break-glass procedure (STO-3). Filing needs an administrator; deciding needs an administrator or
 * the privacy officer who is not the requester (four eyes). Approving mails the customer in the same
 * transaction: no access without the customer being told. Each step is published as a
 * {@link BreakGlassEvent} for the audit trail.
 */
@Service
public class BreakGlass {

	/** Times in the customer's mail: the provider's zone, with the zone named in the text. */
	static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	static final String REASON_FIELD = "storage.break_glass.reason";

	/** A space as the request form offers it: name and kind, nothing of its content. */
	public record SpaceChoice(String name, SpaceKind kind) {
	}

	/** A request as staff see it, with the reason opened ({@code null} when the customer was erased). */
	public record View(BreakGlassRequest request, BreakGlassState state, @Nullable String spaceName,
			@Nullable String reason, boolean mayDecide, boolean mayOpen) {

		@Override
		public String toString() {
			return "View[" + request.id() + "]";
		}
	}

	private final BreakGlassRequests requests;

	private final Spaces spaces;

	private final AccountLookup accounts;

	private final PersonalDataCipher cipher;

	private final Notifications notifications;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	BreakGlass(BreakGlassRequests requests, Spaces spaces, AccountLookup accounts, PersonalDataCipher cipher,
			Notifications notifications, ApplicationEventPublisher events, Clock clock) {
		this.requests = requests;
		this.spaces = spaces;
		this.accounts = accounts;
		this.cipher = cipher;
		this.notifications = notifications;
		this.events = events;
		this.clock = clock;
	}

	/** The customer's spaces, for the request form; the vault is listed so the refusal can be explained. */
	@PreAuthorize("hasRole('ADMIN')")
	public List<SpaceChoice> spacesOf(AccountId customer) {
		customer(customer);
		return spaces.existing(customer).stream().map(s -> new SpaceChoice(s.name(), s.kind())).toList();
	}

	@Transactional
	@PreAuthorize("hasRole('ADMIN')")
	public BreakGlassRequest file(AccountId customer, String spaceName, String reason, int hours, AccountId staff) {
		customer(customer);
		String text = BreakGlassRules.reason(reason);
		Duration duration = BreakGlassRules.duration(hours);
		Space space = spaces.existing(customer).stream().filter(s -> s.name().equals(spaceName)).findFirst()
			.orElseThrow(() -> new NotFoundException("space"));
		if (space.kind() == SpaceKind.VAULT) {
			throw new InvalidInputException("space", "A vault cannot be opened: its content and names are encrypted "
					+ "with keys only the customer has, so nobody but the customer can read them (STO-1). "
					+ "Break-glass access is for plain spaces only.");
		}
		if (space.kind() != SpaceKind.PLAIN) {
			throw new InvalidInputException("space", "Break-glass access is for plain spaces only.");
		}
		var request = BreakGlassRequest.file(customer, space.id(), cipher.seal(customer, REASON_FIELD, text), duration,
				staff, clock.instant());
		requests.insert(request);
		events.publishEvent(new BreakGlassRequested(request.id(), customer, space.id(), staff, duration.toHours()));
		return request;
	}

	/**
	 * A second staff member approves: access starts now and lasts the requested period, and the
	 * customer is mailed in their language, in this transaction.
	 */
	@Transactional
	@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
	public BreakGlassRequest approve(UUID id, AccountId staff) {
		BreakGlassRequest request = load(id);
		if (request.requestedBy().equals(staff)) {
			throw new AccessDeniedException("a break-glass request needs a second staff member's approval");
		}
		Instant now = clock.instant();
		if (!request.decidableAt(now)) {
			throw new ConflictException("This request can no longer be approved.");
		}
		Space space = spaces.find(request.space()).orElseThrow(() -> new ConflictException("The space no longer exists."));
		AccountDetails contact = customer(request.account());
		Instant until = now.plus(request.duration());
		if (!requests.approve(id, staff, now, until)) {
			throw new ConflictException("This request was decided meanwhile.");
		}
		String reason = cipher.open(request.account(), REASON_FIELD, request.reason());
		notifications.send(Mail.to(contact.email())
			.locale(contact.language())
			.template("storage/break-glass-approved")
			.subject(request.account())
			.with("space", space.name())
			.with("reason", reason)
			.with("from", now.atZone(ZONE))
			.with("until", until.atZone(ZONE))
			.build());
		events.publishEvent(new BreakGlassApproved(id, request.account(), request.space(), staff, until.toString()));
		return load(id);
	}

	/** Declines a request; the requester may withdraw their own this way. */
	@Transactional
	@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
	public void decline(UUID id, AccountId staff) {
		BreakGlassRequest request = load(id);
		if (!request.decidableAt(clock.instant()) || !requests.decline(id, staff, clock.instant())) {
			throw new ConflictException("This request can no longer be declined.");
		}
		events.publishEvent(new BreakGlassDeclined(id, request.account(), request.space(), staff));
	}

	/** Ends access (or an undecided request) now. */
	@Transactional
	@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
	public void revoke(UUID id, AccountId staff) {
		BreakGlassRequest request = load(id);
		if (!request.stateAt(clock.instant()).isOpen() || !requests.revoke(id, staff, clock.instant())) {
			throw new ConflictException("This access has already ended.");
		}
		events.publishEvent(new BreakGlassRevoked(id, request.account(), request.space(), staff));
	}

	/** Open requests and those ended in the last 30 days, for the admin page. */
	@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
	public List<View> overview(AccountId staff) {
		Instant now = clock.instant();
		return requests.recent(now.minus(Duration.ofDays(30)), 200).stream().map(r -> view(r, staff, now)).toList();
	}

	@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
	public View view(UUID id, AccountId staff) {
		return view(load(id), staff, clock.instant());
	}

	/**
	 * The grant as the staff member may use it now: approved, unexpired, and they are its requester or
	 * approver. Anything else is "not found", revealing nothing.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
	public Granted granted(UUID id, AccountId staff) {
		BreakGlassRequest request = requests.find(id).orElseThrow(() -> new NotFoundException("grant"));
		if (!request.grantsAt(clock.instant()) || !request.isParty(staff)) {
			throw new NotFoundException("grant");
		}
		Space space = spaces.find(request.space()).filter(s -> s.kind() == SpaceKind.PLAIN)
			.orElseThrow(() -> new NotFoundException("grant"));
		return new Granted(request, space);
	}

	/** An active grant and its (plain) space. */
	public record Granted(BreakGlassRequest request, Space space) {
	}

	private View view(BreakGlassRequest r, AccountId staff, Instant now) {
		String spaceName = spaces.find(r.space()).map(Space::name).orElse(null);
		String reason = r.reason() == null || cipher.isDestroyed(r.account()) ? null
				: cipher.open(r.account(), REASON_FIELD, r.reason());
		return new View(r, r.stateAt(now), spaceName, reason, r.decidableAt(now) && !r.requestedBy().equals(staff),
				r.grantsAt(now) && r.isParty(staff));
	}

	private BreakGlassRequest load(UUID id) {
		return requests.find(id).orElseThrow(() -> new NotFoundException("break-glass request"));
	}

	private AccountDetails customer(AccountId customer) {
		return accounts.find(customer).orElseThrow(() -> new NotFoundException("customer"));
	}
}
