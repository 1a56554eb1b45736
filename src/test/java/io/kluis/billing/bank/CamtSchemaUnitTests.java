package io.kluis.billing.bank;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.InputStream;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test statements are valid camt.053.001.02 and .001.08 documents by the official ISO 20022
 * schemas, so the reader is tested on what banks really send. The schemas are test resources under
 * {@code billing/bank/iso20022/} (unmodified, see the README there).
 */
class CamtSchemaUnitTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "001.02", "001.08" })
	@DisplayName("The test statement validates against the official camt.053 XSD of its version")
	void fixtureIsSchemaValid(String version) throws Exception {
		var xsd = Objects.requireNonNull(CamtSchemaUnitTests.class.getResource(
				"/billing/bank/iso20022/camt.053." + version + ".xsd"), "the official XSD is a test resource");
		var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		var validator = factory.newSchema(xsd).newValidator();
		try (InputStream in = CamtStatementReaderUnitTests.resource("camt053-" + version.replace('.', '-') + ".xml")) {
			assertThatCode(() -> validator.validate(new StreamSource(in))).doesNotThrowAnyException();
		}
	}
}
