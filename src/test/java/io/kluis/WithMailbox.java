package io.kluis;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base class for integration tests that read real mail ({@link Mailbox}). Declaring the mail
 * properties once, here, gives every subclass with the same annotations the same cached Spring
 * context instead of one context per test class.
 */
public abstract class WithMailbox {

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		Mailbox.register(registry);
	}
}
