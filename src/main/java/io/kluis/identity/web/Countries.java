package io.kluis.identity.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** ISO 3166 countries with their names in the page's language, for the address forms. */
final class Countries {

	record Country(String code, String name) {
	}

	private Countries() {
	}

	static List<Country> in(Locale locale) {
		return Arrays.stream(Locale.getISOCountries())
			.map(code -> new Country(code, new Locale("", code).getDisplayCountry(locale)))
			.sorted(Comparator.comparing(Country::name))
			.toList();
	}
}
