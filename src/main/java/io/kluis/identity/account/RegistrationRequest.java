package io.kluis.identity.account;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** What a visitor submits to register (web form or API). toString prints nothing personal. */
public record RegistrationRequest(String email, String password, String firstName, String lastName, String street,
		String postalCode, String city, String country, @Nullable LocalDate dateOfBirth, @Nullable String phone,
		@Nullable String companyName, boolean acceptedTerms) {

	@Override
	public String toString() {
		return "RegistrationRequest[***]";
	}
}
