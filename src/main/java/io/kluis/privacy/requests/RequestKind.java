package io.kluis.privacy.requests;

/** What the requester asks for (AVG art. 15–22); {@link #OTHER} for anything else about their data. */
public enum RequestKind {
	/** Art. 15 (RIG-1, RIG-8). */
	ACCESS,
	/** Art. 16 (RIG-2). */
	RECTIFICATION,
	/** Art. 17 (RIG-3). */
	ERASURE,
	/** Art. 18 (RIG-4). */
	RESTRICTION,
	/** Art. 21 (RIG-6). */
	OBJECTION,
	/** Art. 20 (RIG-5). */
	PORTABILITY,
	OTHER;

	/** Kinds that {@link RequestFulfilment} can carry out; the others are answered in words. */
	public boolean fulfilledByEngine() {
		return this == ACCESS || this == PORTABILITY || this == ERASURE;
	}
}
