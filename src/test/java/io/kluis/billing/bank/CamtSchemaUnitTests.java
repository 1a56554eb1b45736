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
import org.junit.jupiter.api.Test;

/**
 * The test statement is a valid camt.053.001.02 document by the official ISO 20022 schema, so the
 * reader is tested on what banks really send. The schema is not in the repository (it is ISO's): run
 * with {@code -Dkluis.test.camt053-xsd=/path/to/camt.053.001.02.xsd} (from iso20022.org, or
 * {@code assets/camt.053.001.02.xsd} of github.com/genkgo/camt); without it the test is skipped.
 */
class CamtSchemaUnitTests {

	@Test
	@DisplayName("The camt.053.001.02 test statement validates against the official XSD")
	void fixtureIsSchemaValid() throws Exception {
		String xsd = System.getProperty("kluis.test.camt053-xsd");
		assumeTrue(xsd != null && Files.isRegularFile(Path.of(xsd)), "set -Dkluis.test.camt053-xsd to the official XSD");
		var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
		var validator = factory.newSchema(Path.of(xsd).toFile()).newValidator();
		try (InputStream in = CamtStatementReaderUnitTests.resource("camt053-001-02.xml")) {
			assertThatCode(() -> validator.validate(new StreamSource(in))).doesNotThrowAnyException();
		}
	}
}
