package io.kluis.privacy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.privacy.register.LegalBasis;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.Purpose;
import io.kluis.privacy.register.RegisterLoader;
import io.kluis.privacy.register.Text;
import java.util.ArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class RegisterDiffUnitTests {

	static final ProcessingRegister REGISTER = RegisterLoader.load(new ClassPathResource("privacy/register.yml"));

	@Test
	@DisplayName("POL-1: the canonical JSON of a register is stable and parses back to the same register")
	void canonicalJsonIsStableAndRoundTrips() {
		String json = CanonicalRegister.json(REGISTER);
		assertThat(CanonicalRegister.json(RegisterLoader.load(new ClassPathResource("privacy/register.yml")))).isEqualTo(json);
		assertThat(CanonicalRegister.hash(json)).hasSize(64);
		assertThat(CanonicalRegister.parse(json)).isEqualTo(REGISTER);
		assertThat(json).doesNotContain("\"empty\"", "\"complete\"");
	}

	@Test
	@DisplayName("POL-1: the diff names a changed purpose's legal basis with old and new value")
	void aChangedLegalBasisIsShownWithOldAndNewValue() {
		var purposes = new ArrayList<>(REGISTER.purposes());
		Purpose security = purposes.stream().filter(p -> p.id().equals("security")).findFirst().orElseThrow();
		purposes.set(purposes.indexOf(security), new Purpose(security.id(), security.name(), security.description(),
				LegalBasis.LEGAL_OBLIGATION, null, security.categories(), security.subjects()));

		var changes = RegisterDiff.between(CanonicalRegister.json(REGISTER), CanonicalRegister.json(with(purposes)));

		assertThat(changes).singleElement().satisfies(change -> {
			assertThat(change.section()).isEqualTo("purposes");
			assertThat(change.id()).isEqualTo("security");
			assertThat(change.kind()).isEqualTo(RegisterDiff.Kind.CHANGED);
			assertThat(change.fields()).contains(new RegisterDiff.Field("legalBasis", "LEGITIMATE_INTEREST", "LEGAL_OBLIGATION"));
			assertThat(change.fields()).anySatisfy(f -> {
				assertThat(f.name()).isEqualTo("legitimateInterest.nl");
				assertThat(f.after()).isEmpty();
			});
		});
	}

	@Test
	@DisplayName("POL-1: added and removed entries are named by section and id; the version block is left out")
	void addedAndRemovedEntriesAreNamedBySectionAndId() {
		var purposes = new ArrayList<>(REGISTER.purposes());
		purposes.removeIf(p -> p.id().equals("service-mail"));
		purposes.add(new Purpose("webinars", new Text("Webinars", "Webinars"), new Text("Uitnodigingen", "Invitations"),
				LegalBasis.CONSENT, null, java.util.List.of("contact-email"), java.util.List.of("customer")));
		var changed = new ProcessingRegister(new ProcessingRegister.Version(true, new Text("Nieuwsbrief", "Newsletter")),
				REGISTER.provider(), REGISTER.subjects(), REGISTER.categories(), purposes, REGISTER.recipients(),
				REGISTER.retention(), REGISTER.cookies(), REGISTER.statements());

		var changes = RegisterDiff.between(CanonicalRegister.json(REGISTER), CanonicalRegister.json(changed));

		assertThat(changes).extracting(RegisterDiff.Change::section, RegisterDiff.Change::id, RegisterDiff.Change::kind)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("purposes", "service-mail", RegisterDiff.Kind.REMOVED),
					org.assertj.core.groups.Tuple.tuple("purposes", "webinars", RegisterDiff.Kind.ADDED));
		assertThat(changes).filteredOn(c -> c.kind() == RegisterDiff.Kind.ADDED).singleElement()
			.satisfies(c -> assertThat(c.fields()).contains(new RegisterDiff.Field("legalBasis", "", "CONSENT"),
					new RegisterDiff.Field("categories", "", "contact-email")));
	}

	@Test
	@DisplayName("POL-1: a changed provider field is one entry of the provider section")
	void aChangedProviderFieldIsReported() {
		var p = REGISTER.provider();
		var provider = new ProcessingRegister.Provider(p.name(), "Nieuwe Straat 2, 3511 AA Utrecht", p.kvk(), p.email(),
				p.phone(), p.privacyContact(), p.dpo(), p.supervisoryAuthority());
		var changed = new ProcessingRegister(REGISTER.version(), provider, REGISTER.subjects(), REGISTER.categories(),
				REGISTER.purposes(), REGISTER.recipients(), REGISTER.retention(), REGISTER.cookies(), REGISTER.statements());

		assertThat(RegisterDiff.between(CanonicalRegister.json(REGISTER), CanonicalRegister.json(changed)))
			.singleElement()
			.satisfies(c -> assertThat(c.fields()).containsExactly(new RegisterDiff.Field("address", p.address(),
					"Nieuwe Straat 2, 3511 AA Utrecht")));
	}

	static ProcessingRegister with(java.util.List<Purpose> purposes) {
		return new ProcessingRegister(REGISTER.version(), REGISTER.provider(), REGISTER.subjects(), REGISTER.categories(),
				purposes, REGISTER.recipients(), REGISTER.retention(), REGISTER.cookies(), REGISTER.statements());
	}
}
