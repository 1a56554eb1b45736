package io.kluis;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Which Kluis modules a test context holds beans of: the module of the class that declares each bean
 * (its {@code @Bean} method's class, else the bean's own class), so a module test can show that it
 * booted only its module and the ones it declared.
 */
public final class ModuleBeans {

	private static final String ROOT = "io.kluis.";

	private ModuleBeans() {
	}

	/** The names of the modules ({@code crypto}, {@code shared}, …) with at least one bean in the context. */
	public static Set<String> modulesOf(ConfigurableApplicationContext context) {
		var factory = context.getBeanFactory();
		return Arrays.stream(factory.getBeanDefinitionNames())
			.map(name -> declaringClass(factory.getBeanDefinition(name)))
			.map(ModuleBeans::module)
			.flatMap(Optional::stream)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static @Nullable String declaringClass(BeanDefinition definition) {
		if (definition instanceof AnnotatedBeanDefinition annotated && annotated.getFactoryMethodMetadata() != null) {
			return annotated.getFactoryMethodMetadata().getDeclaringClassName();
		}
		return definition.getBeanClassName();
	}

	/** {@code io.kluis.crypto.internal.EnvelopeCipher} → {@code crypto}; classes in {@code io.kluis} itself are no module's. */
	private static Optional<String> module(@Nullable String className) {
		if (className == null || !className.startsWith(ROOT)) {
			return Optional.empty();
		}
		String rest = className.substring(ROOT.length());
		int dot = rest.indexOf('.');
		return dot < 0 ? Optional.empty() : Optional.of(rest.substring(0, dot));
	}
}
