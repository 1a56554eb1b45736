package io.kluis.identity.web;

import io.kluis.identity.account.RegistrationRefused;
import java.util.List;
import org.springframework.validation.BindingResult;

/** Puts rule violations on the form's fields; messages come from the {@code error.<code>} keys. */
final class Violations {

	private Violations() {
	}

	static void bind(List<RegistrationRefused.Violation> violations, BindingResult binding) {
		for (var v : violations) {
			Object[] args = v.arguments().values().toArray();
			if (binding.getModel().containsKey(binding.getObjectName()) && hasField(binding, v.field())) {
				binding.rejectValue(v.field(), "error." + v.code(), args, v.code());
			}
			else {
				binding.reject("error." + v.code(), args, v.code());
			}
		}
	}

	private static boolean hasField(BindingResult binding, String field) {
		try {
			binding.getFieldType(field);
			return binding.getFieldType(field) != null;
		}
		catch (RuntimeException e) {
			return false;
		}
	}
}
