package io.kluis.audit;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A stand-in for another module's auditable event (serialisable, as the publication registry requires). */
record SomethingAudited(String auditCode, @Nullable AccountId subject, @Nullable AccountId actor,
		Map<String, String> auditDetails) implements Auditable {

	static SomethingAudited of(String code, AccountId subject, AccountId actor) {
		return new SomethingAudited(code, subject, actor, Map.of("reason", "test"));
	}
}
