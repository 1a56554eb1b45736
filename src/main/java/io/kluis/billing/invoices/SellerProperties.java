package io.kluis.billing.invoices;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.billing.seller.*}: the provider as its invoices name it (art. 226: name, address, VAT
 * number; Dutch law: KvK number; the account a transfer goes to). The defaults are an example company
 * for development (the register's example provider); a provider sets its own. Checked at start-up:
 * the KvK number has 8 digits, the VAT number is a Dutch one ({@code NL} + 9 digits + {@code B} + 2
 * digits), the IBAN's check digits are right.
 */
@ConfigurationProperties("kluis.billing.seller")
public record SellerProperties(@DefaultValue("Voorbeeld Hosting B.V.") String name,
		@DefaultValue("Voorbeeldstraat 1") String street, @DefaultValue("1234 AB") String postalCode,
		@DefaultValue("Utrecht") String city, @DefaultValue("NL") String country,
		@DefaultValue("12345678") String kvk, @DefaultValue("NL000099998B57") String vatNumber,
		@DefaultValue("NL91ABNA0417164300") String iban, @DefaultValue("ABNANL2A") @Nullable String bic,
		@DefaultValue("facturen@example.nl") @Nullable String email) {

	private static final Pattern KVK = Pattern.compile("\\d{8}");

	private static final Pattern DUTCH_VAT = Pattern.compile("NL\\d{9}B\\d{2}");

	private static final Pattern BIC = Pattern.compile("[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?");

	public SellerProperties {
		iban = iban.replace(" ", "").toUpperCase(Locale.ROOT);
		vatNumber = vatNumber.replace(" ", "").toUpperCase(Locale.ROOT);
		bic = bic == null || bic.isBlank() ? null : bic.strip();
		email = email == null || email.isBlank() ? null : email.strip();
		if (name.isBlank() || street.isBlank() || postalCode.isBlank() || city.isBlank()) {
			throw new IllegalArgumentException("kluis.billing.seller: name, street, postal-code and city are required");
		}
		if (!"NL".equals(country)) {
			throw new IllegalArgumentException("kluis.billing.seller.country: Kluis invoices as a Dutch seller (NL)");
		}
		if (!KVK.matcher(kvk).matches()) {
			throw new IllegalArgumentException("kluis.billing.seller.kvk must be 8 digits");
		}
		if (!DUTCH_VAT.matcher(vatNumber).matches()) {
			throw new IllegalArgumentException("kluis.billing.seller.vat-number must look like NL123456789B01");
		}
		if (!ibanValid(iban)) {
			throw new IllegalArgumentException("kluis.billing.seller.iban is not a valid IBAN");
		}
		if (bic != null && !BIC.matcher(bic).matches()) {
			throw new IllegalArgumentException("kluis.billing.seller.bic is not a valid BIC");
		}
	}

	/** ISO 13616: the first four characters moved to the end, letters as 10–35, the number mod 97 is 1. */
	static boolean ibanValid(String iban) {
		if (!iban.matches("[A-Z]{2}\\d{2}[A-Z0-9]{10,30}")) {
			return false;
		}
		var digits = new StringBuilder();
		for (char c : (iban.substring(4) + iban.substring(0, 4)).toCharArray()) {
			digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
		}
		return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
	}

	@Override
	public String toString() {
		return "SellerProperties[" + name + "]";
	}
}
