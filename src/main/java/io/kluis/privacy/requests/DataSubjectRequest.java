package io.kluis.privacy.requests;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A data-subject request made without login, without its sealed contents (address, name, message),
 * which {@link DataSubjectRequests#contents} opens only where needed. State changes are guarded.
 *
 * <p>{@code keyOwner} is the id under which the request's personal data is sealed: a key of the
 * request's own, not the account's, because the requester may have no account (RIG-8) and because
 * an erasure request must stay answerable after the account's key is destroyed.
 */
public final class DataSubjectRequest {

	private final RequestId id;

	private final AccountId keyOwner;

	private final RequestKind kind;

	private final Locale locale;

	private final Instant receivedAt;

	private final RequestChannel channel;

	private RequestState state;

	private IdentityCheck identityCheck;

	private @Nullable AccountId account;

	private @Nullable Deadline deadline;

	private @Nullable Instant closedAt;

	DataSubjectRequest(RequestId id, AccountId keyOwner, RequestKind kind, Locale locale, Instant receivedAt,
			RequestChannel channel, RequestState state, IdentityCheck identityCheck, @Nullable AccountId account,
			@Nullable Deadline deadline, @Nullable Instant closedAt) {
		this.id = id;
		this.keyOwner = keyOwner;
		this.kind = kind;
		this.locale = locale;
		this.receivedAt = receivedAt;
		this.channel = channel;
		this.state = state;
		this.identityCheck = identityCheck;
		this.account = account;
		this.deadline = deadline;
		this.closedAt = closedAt;
	}

	static DataSubjectRequest received(RequestKind kind, Locale locale, Instant at) {
		return new DataSubjectRequest(RequestId.random(), AccountId.random(), kind, locale, at, RequestChannel.FORM,
				RequestState.AWAITING_CONFIRMATION, IdentityCheck.NONE, null, null, null);
	}

	/**
	 * A request that reached the provider by email, letter or phone, entered by staff: it is in the
	 * queue at once, and its clock runs from its arrival. Its identity is not checked yet
	 * ({@link IdentityCheck#NONE}): nobody used a link to the address.
	 */
	static DataSubjectRequest entered(RequestKind kind, Locale locale, RequestChannel channel, Instant arrivedAt,
			ZoneId zone, Period deadline) {
		if (!channel.enteredByStaff()) {
			throw new IllegalArgumentException("form requests are confirmed by their link, not entered");
		}
		return new DataSubjectRequest(RequestId.random(), AccountId.random(), kind, locale, arrivedAt, channel,
				RequestState.OPEN, IdentityCheck.NONE, null, Deadline.startingAt(arrivedAt, zone, deadline), null);
	}

	/** The owner of the address used the mailed link: the request enters the queue and the clock starts. */
	void markConfirmed(Instant at, @Nullable AccountId accountOfAddress, ZoneId zone) {
		markConfirmed(at, accountOfAddress, zone, Period.ofMonths(1));
	}

	/** As above, with the register's deadline period. */
	void markConfirmed(Instant at, @Nullable AccountId accountOfAddress, ZoneId zone, Period period) {
		if (state != RequestState.AWAITING_CONFIRMATION) {
			throw new RequestRefused("already-confirmed");
		}
		state = RequestState.OPEN;
		identityCheck = IdentityCheck.EMAIL_CONFIRMED;
		account = accountOfAddress;
		deadline = Deadline.startingAt(at, zone, period);
	}

	/**
	 * The owner of the address of a request entered by staff used the mailed link: the identity is
	 * established; the clock keeps running from the arrival.
	 */
	void markAddressConfirmed(@Nullable AccountId accountOfAddress) {
		if (!awaitsAddressConfirmation()) {
			throw new RequestRefused("already-confirmed");
		}
		identityCheck = IdentityCheck.EMAIL_CONFIRMED;
		account = accountOfAddress;
	}

	/** Whether the confirmation link of this request still has something to confirm. */
	boolean awaitsAddressConfirmation() {
		return state == RequestState.AWAITING_CONFIRMATION
				|| (channel.enteredByStaff() && state == RequestState.OPEN && identityCheck == IdentityCheck.NONE);
	}

	void extendBy(int months, Instant now, ZoneId zone) {
		deadline = requireOpen().extendBy(months, now, zone);
	}

	void askForIdCopy() {
		requireOpen();
		if (identityCheck != IdentityCheck.EMAIL_CONFIRMED && identityCheck != IdentityCheck.ID_COPY_REQUESTED) {
			throw new RequestRefused("id-copy-not-now");
		}
		identityCheck = IdentityCheck.ID_COPY_REQUESTED;
	}

	void idCopyReceived() {
		requireOpen();
		if (identityCheck != IdentityCheck.ID_COPY_REQUESTED && identityCheck != IdentityCheck.ID_COPY_RECEIVED) {
			throw new RequestRefused("id-copy-not-requested");
		}
		identityCheck = IdentityCheck.ID_COPY_RECEIVED;
	}

	void idCopyChecked(boolean matches) {
		requireOpen();
		if (identityCheck != IdentityCheck.ID_COPY_RECEIVED) {
			throw new RequestRefused("id-copy-missing");
		}
		identityCheck = matches ? IdentityCheck.ID_VERIFIED : IdentityCheck.ID_REJECTED;
	}

	/** Fulfilment needs an identity that is established: confirmed address, or a verified ID copy when one was asked for. */
	void requireIdentityEstablished() {
		requireOpen();
		if (identityCheck != IdentityCheck.EMAIL_CONFIRMED && identityCheck != IdentityCheck.ID_VERIFIED) {
			throw new RequestRefused("identity-not-established");
		}
	}

	void close(Instant at) {
		requireOpen();
		state = RequestState.CLOSED;
		closedAt = at;
	}

	Deadline requireOpen() {
		if (state != RequestState.OPEN || deadline == null) {
			throw new RequestRefused(state == RequestState.CLOSED ? "closed" : "not-confirmed");
		}
		return deadline;
	}

	public boolean isOverdue(Instant now) {
		return state == RequestState.OPEN && deadline != null && deadline.isOverdue(now);
	}

	/** Whole days until the due date (0 on the last day), for the queue; 0 without a deadline. */
	public long daysLeft(Instant now) {
		return deadline == null ? 0 : Math.max(0, java.time.Duration.between(now, deadline.due()).toDays());
	}

	public RequestId id() {
		return id;
	}

	AccountId keyOwner() {
		return keyOwner;
	}

	public RequestKind kind() {
		return kind;
	}

	public Locale locale() {
		return locale;
	}

	public Instant receivedAt() {
		return receivedAt;
	}

	/** How the request reached the provider: the form, or entered by staff. */
	public RequestChannel channel() {
		return channel;
	}

	public RequestState state() {
		return state;
	}

	public IdentityCheck identityCheck() {
		return identityCheck;
	}

	/** The account behind the address at confirmation; {@code null} for people without one (RIG-8). */
	public @Nullable AccountId account() {
		return account;
	}

	public @Nullable Deadline deadline() {
		return deadline;
	}

	public @Nullable Instant closedAt() {
		return closedAt;
	}

	@Override
	public String toString() {
		return "DataSubjectRequest[" + id + ", " + kind + ", " + state + "]";
	}
}
