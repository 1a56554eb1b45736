package io.kluis.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChainHashUnitTests {

	static final Instant AT = Instant.parse("2026-11-22T10:15:30.123456Z");

	static final UUID ACTOR = UUID.fromString("7c0f6a3e-5f4b-4d7e-9a55-1d8f3c2b1a00");

	static final UUID SUBJECT = UUID.fromString("0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8");

	@Test
	void isAStableLowerCaseHexSha256() {
		String hash = hash(1, AT, "identity.login.failed", ACTOR, SUBJECT, Map.of("reason", "bad-password"),
				ChainHash.GENESIS);

		assertThat(hash).matches("[0-9a-f]{64}")
			.isEqualTo(hash(1, AT, "identity.login.failed", ACTOR, SUBJECT, Map.of("reason", "bad-password"),
					ChainHash.GENESIS));
	}

	@Test
	void changesWithEveryField() {
		String base = hash(1, AT, "a.b", ACTOR, SUBJECT, Map.of("k", "v"), ChainHash.GENESIS);

		assertThat(hash(2, AT, "a.b", ACTOR, SUBJECT, Map.of("k", "v"), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(hash(1, AT.plusNanos(1000), "a.b", ACTOR, SUBJECT, Map.of("k", "v"), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(hash(1, AT, "a.c", ACTOR, SUBJECT, Map.of("k", "v"), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(hash(1, AT, "a.b", null, SUBJECT, Map.of("k", "v"), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(hash(1, AT, "a.b", ACTOR, null, Map.of("k", "v"), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(hash(1, AT, "a.b", ACTOR, SUBJECT, Map.of("k", "w"), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(hash(1, AT, "a.b", ACTOR, SUBJECT, Map.of("k", "v"), "1".repeat(64))).isNotEqualTo(base);
	}

	@Test
	void tellsActorAndSubjectApart() {
		assertThat(hash(1, AT, "a.b", ACTOR, null, Map.of(), ChainHash.GENESIS))
			.isNotEqualTo(hash(1, AT, "a.b", null, ACTOR, Map.of(), ChainHash.GENESIS));
	}

	@Test
	void cannotBeFooledByMovingTextBetweenFields() {
		assertThat(hash(1, AT, "a.b", null, null, Map.of("ke", "yv"), ChainHash.GENESIS))
			.isNotEqualTo(hash(1, AT, "a.b", null, null, Map.of("k", "eyv"), ChainHash.GENESIS));
		assertThat(hash(1, AT, "a.b", null, null, Map.of("k", "v", "l", ""), ChainHash.GENESIS))
			.isNotEqualTo(hash(1, AT, "a.b", null, null, Map.of("k", "vl"), ChainHash.GENESIS));
	}

	@Test
	void doesNotDependOnTheOrderDetailsWereGivenIn() {
		var forward = new LinkedHashMap<String, String>();
		forward.put("a", "1");
		forward.put("b", "2");
		var backward = new LinkedHashMap<String, String>();
		backward.put("b", "2");
		backward.put("a", "1");

		assertThat(hash(1, AT, "a.b", null, null, forward, ChainHash.GENESIS))
			.isEqualTo(hash(1, AT, "a.b", null, null, backward, ChainHash.GENESIS));
	}

	private static String hash(long sequence, Instant at, String code, UUID actor, UUID subject,
			Map<String, String> details, String prev) {
		return ChainHash.of(sequence, at, code, actor, subject, details, prev);
	}
}
