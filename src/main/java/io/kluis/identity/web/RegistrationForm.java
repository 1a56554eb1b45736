package io.kluis.identity.web;

import io.kluis.identity.account.RegistrationRequest;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** The registration form's fields; mutable for data binding. toString prints nothing personal. */
public class RegistrationForm {

	private String email = "";
	private String password = "";
	private String firstName = "";
	private String lastName = "";
	private String street = "";
	private String postalCode = "";
	private String city = "";
	private String country = "NL";
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private @Nullable LocalDate dateOfBirth;
	private String phone = "";
	private String companyName = "";
	private boolean acceptedTerms;

	RegistrationRequest toRequest() {
		return new RegistrationRequest(email, password, firstName, lastName, street, postalCode, city, country,
				dateOfBirth, phone, companyName, acceptedTerms);
	}

	public String getEmail() { return email; }
	public void setEmail(String email) { this.email = email; }
	public String getPassword() { return password; }
	public void setPassword(String password) { this.password = password; }
	public String getFirstName() { return firstName; }
	public void setFirstName(String firstName) { this.firstName = firstName; }
	public String getLastName() { return lastName; }
	public void setLastName(String lastName) { this.lastName = lastName; }
	public String getStreet() { return street; }
	public void setStreet(String street) { this.street = street; }
	public String getPostalCode() { return postalCode; }
	public void setPostalCode(String postalCode) { this.postalCode = postalCode; }
	public String getCity() { return city; }
	public void setCity(String city) { this.city = city; }
	public String getCountry() { return country; }
	public void setCountry(String country) { this.country = country; }
	public @Nullable LocalDate getDateOfBirth() { return dateOfBirth; }
	public void setDateOfBirth(@Nullable LocalDate dateOfBirth) { this.dateOfBirth = dateOfBirth; }
	public String getPhone() { return phone; }
	public void setPhone(String phone) { this.phone = phone; }
	public String getCompanyName() { return companyName; }
	public void setCompanyName(String companyName) { this.companyName = companyName; }
	public boolean isAcceptedTerms() { return acceptedTerms; }
	public void setAcceptedTerms(boolean acceptedTerms) { this.acceptedTerms = acceptedTerms; }

	@Override
	public String toString() {
		return "RegistrationForm[***]";
	}
}
