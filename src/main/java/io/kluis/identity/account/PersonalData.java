package io.kluis.identity.account;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A customer's identifying data as entered at registration and corrected on the my-data page
 * (RIG-2). Stored sealed, field by field; decrypted only where shown. {@link #toString()} never
 * prints the values.
 */
public record PersonalData(String firstName, String lastName, String street, String postalCode, String city,
		String country, LocalDate dateOfBirth, @Nullable String phone, @Nullable String companyName) {

	/** Words a password may not contain (NIST 800-63B context-specific words). */
	public java.util.List<String> passwordContextWords() {
		return java.util.List.of(firstName, lastName);
	}

	@Override
	public String toString() {
		return "PersonalData[***]";
	}
}
