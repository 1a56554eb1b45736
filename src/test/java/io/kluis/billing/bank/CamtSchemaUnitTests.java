package io.kluis.billing.bank;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test statements are valid camt.053.001.02 and .001.08 documents by the official ISO 20022
 * schemas, so the reader is tested on what banks really send. The schemas are not in the repository
 * (they are ISO's): run with {@code -Dkluis.test.camt053-xsd-dir=/path} to a directory holding
 * {@code camt.053.001.02.xsd} and {@code camt.053.001.08.xsd} (from iso20022.org, or {@code assets/}
 * of github.com/genkgo/camt); without it the tests are skipped.
 */
class CamtSchemaUnitTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "001.02", "001.08" })
	@DisplayName("The test statement validates against the official camt.053 XSD of its version")
	void fixtureIsSchemaValid(String version) throws Exception {
		String dir = System.getProperty("kluis.test.camt053-xsd-dir");
		Path xsd = dir == null ? null : Path.of(dir, "camt.053." + version + ".xsd");
		assumeTrue(xsd != null && Files.isRegularFile(xsd), "set -Dkluis.test.camt053-xsd-dir to the official XSDs");
		var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
		var validator = factory.newSchema(xsd.toFile()).newValidator();
		try (InputStream in = CamtStatementReaderUnitTests.resource("camt053-" + version.replace('.', '-') + ".xml")) {
			assertThatCode(() -> validator.validate(new StreamSource(in))).doesNotThrowAnyException();
		}
	}
}
