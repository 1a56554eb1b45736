package io.kluis.shared;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduled jobs run in the server, not during one-shot commands ({@code kluis.scheduling.enabled}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "kluis.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {
}
