package io.kluis.privacy.internal;

import io.kluis.privacy.register.InvalidRegisterException;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.RegisterLoader;
import io.kluis.privacy.register.RegisterProblem;
import io.kluis.privacy.register.RegisterValidator;
import io.kluis.privacy.terms.PublishedTerms;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the register at start-up and refuses to start when it is invalid, or when it and the
 * modules disagree: a category a module stores but the register does not declare, a category
 * declared for another module than the one holding it, or a declared category no module can export
 * and erase (PUR-3).
 *
 * <p>The coverage check runs once every singleton exists rather than inside the register's factory
 * method: holders depend on their modules' services, and some of those may want the register, which
 * would otherwise be a cycle.
 */
@Configuration(proxyBeanMethods = false)
class RegisterConfiguration {

	@Bean
	PublishedTerms.TermsLocation termsLocation(PrivacyProperties properties) {
		return new PublishedTerms.TermsLocation(properties.termsLocation());
	}

	@Bean
	ProcessingRegister processingRegister(PrivacyProperties properties) {
		var register = RegisterLoader.load(properties.registerLocation());
		var problems = RegisterValidator.validate(register);
		if (!problems.isEmpty()) {
			throw new InvalidRegisterException(properties.registerLocation().getDescription(), problems);
		}
		return register;
	}

	@Bean
	SmartInitializingSingleton registerCoverageCheck(ProcessingRegister register, PrivacyProperties properties,
			ObjectProvider<PersonalDataHolder> holders) {
		return () -> {
			var problems = coverage(register, holders.orderedStream().toList());
			if (!problems.isEmpty()) {
				throw new InvalidRegisterException(properties.registerLocation().getDescription(), problems);
			}
		};
	}

	static List<RegisterProblem> coverage(ProcessingRegister register, List<PersonalDataHolder> holders) {
		var problems = new ArrayList<RegisterProblem>();
		for (var holder : holders) {
			for (String category : holder.categories()) {
				var declared = register.category(category);
				if (declared.isEmpty()) {
					problems.add(new RegisterProblem("categories", "module '" + holder.module() + "' stores category '"
							+ category + "', which the register does not declare (PUR-3)"));
				}
				else if (!declared.get().heldBy().equals(holder.module())) {
					problems.add(new RegisterProblem("categories[" + category + "].heldBy", "says '"
							+ declared.get().heldBy() + "' but module '" + holder.module() + "' holds it"));
				}
			}
			holder.personalColumns().forEach((column, category) -> {
				if (!holder.categories().contains(category)) {
					problems.add(new RegisterProblem("categories", "module '" + holder.module() + "' maps column '"
							+ column + "' to category '" + category + "', which it does not declare"));
				}
			});
		}
		for (var category : register.categories()) {
			long holding = holders.stream()
				.filter(h -> h.module().equals(category.heldBy()) && h.categories().contains(category.id()))
				.count();
			if (holding == 0) {
				problems.add(new RegisterProblem("categories[" + category.id() + "]", "no module '" + category.heldBy()
						+ "' can export and erase this category (is the module present?)"));
			}
			else if (holding > 1) {
				problems.add(new RegisterProblem("categories[" + category.id() + "]",
						"held by " + holding + " holders of module '" + category.heldBy() + "'; exactly one must own it"));
			}
		}
		return problems;
	}
}
