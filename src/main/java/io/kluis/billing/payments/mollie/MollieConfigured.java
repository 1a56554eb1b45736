package io.kluis.billing.payments.mollie;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code kluis.billing.mollie.api-key} has a value (an empty value counts as none): then Kluis
 * talks to Mollie, otherwise it uses the local test checkout ({@link Absent}).
 */
public final class MollieConfigured implements Condition {

	public static final String API_KEY = "kluis.billing.mollie.api-key";

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String key = context.getEnvironment().getProperty(API_KEY);
		return key != null && !key.isBlank();
	}

	/** No Mollie key: the test checkout is active. */
	public static final class Absent implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !new MollieConfigured().matches(context, metadata);
		}
	}
}
