package io.kluis.billing.document;

import com.helger.ubl21.UBL21Marshaller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Templates;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import net.sf.saxon.TransformerFactoryImpl;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates a UBL invoice or credit note the way a Peppol access point does: the OASIS UBL 2.1 XSD
 * (as ph-ubl ships it), then the CEN EN 16931 UBL schematron, then the Peppol BIS Billing 3.0
 * schematron (which holds the Dutch NLCIUS rules NL-R-*). The schematron are OpenPEPPOL's release
 * 2026.5 in their compiled XSLT form (src/test/resources/billing/peppol-bis-3), run with Saxon-HE;
 * the result is read from the SVRL report they write.
 */
final class PeppolBis3Validator {

	static final String RELEASE = "2026.5";

	static final String CEN = "CEN-EN16931-UBL";

	static final String PEPPOL = "PEPPOL-EN16931-UBL";

	private static final String SVRL = "http://purl.oclc.org/dsdl/svrl";

	private static final Map<String, Templates> COMPILED = new ConcurrentHashMap<>();

	private PeppolBis3Validator() {
	}

	/** One failed assertion (or report) of a schematron, or one XSD error (id {@code XSD}). */
	record Finding(String source, String id, String flag, String location, String text) {

		boolean isError() {
			return !"warning".equals(flag) && !"information".equals(flag);
		}

		@Override
		public String toString() {
			return source + " " + id + " [" + flag + "] at " + location + ": " + text;
		}
	}

	/** The outcome of one validation run. */
	record Result(List<Finding> findings, Map<String, Integer> firedRules) {

		List<Finding> errors() {
			return findings.stream().filter(Finding::isError).toList();
		}

		List<String> errorIds() {
			return errors().stream().map(Finding::id).distinct().sorted().toList();
		}

		int firedRuleCount() {
			return firedRules.values().stream().mapToInt(Integer::intValue).sum();
		}
	}

	static Result validate(byte[] xml) {
		Document document = parse(xml);
		var findings = new ArrayList<Finding>(xsd(document, xml));
		var fired = new java.util.LinkedHashMap<String, Integer>();
		for (String schematron : List.of(CEN, PEPPOL)) {
			Document svrl = transform(schematron, document);
			fired.put(schematron, svrl.getElementsByTagNameNS(SVRL, "fired-rule").getLength());
			collect(schematron, svrl, "failed-assert", findings);
			collect(schematron, svrl, "successful-report", findings);
		}
		return new Result(List.copyOf(findings), Map.copyOf(fired));
	}

	/** How many distinct rule ids (asserts and reports) the compiled schematron knows. */
	static int ruleCount(String schematron) {
		try (var in = PeppolBis3Validator.class.getResourceAsStream(resource(schematron))) {
			String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			var matcher = java.util.regex.Pattern.compile("<xsl:attribute name=\"id\">([^<]+)</xsl:attribute>").matcher(text);
			var ids = new java.util.HashSet<String>();
			while (matcher.find()) {
				ids.add(matcher.group(1));
			}
			return ids.size();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static List<Finding> xsd(Document document, byte[] xml) {
		String root = document.getDocumentElement().getLocalName();
		Schema schema = "CreditNote".equals(root) ? UBL21Marshaller.creditNote().getSchema()
				: UBL21Marshaller.invoice().getSchema();
		var findings = new ArrayList<Finding>();
		var validator = schema.newValidator();
		validator.setErrorHandler(new ErrorHandler() {

			@Override
			public void warning(SAXParseException e) {
				findings.add(finding("warning", e));
			}

			@Override
			public void error(SAXParseException e) {
				findings.add(finding("error", e));
			}

			@Override
			public void fatalError(SAXParseException e) {
				findings.add(finding("fatal", e));
			}
		});
		try {
			validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
		}
		catch (SAXException e) {
			// already reported to the error handler
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return findings;
	}

	private static Finding finding(String flag, SAXParseException e) {
		return new Finding("XSD", "XSD", flag, "line " + e.getLineNumber(), e.getMessage());
	}

	private static Document parse(byte[] xml) {
		try {
			var factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
		}
		catch (Exception e) {
			throw new IllegalStateException("not well-formed XML", e);
		}
	}

	private static Document transform(String schematron, Document document) {
		try {
			var result = new DOMResult();
			templates(schematron).newTransformer().transform(new DOMSource(document), result);
			return (Document) result.getNode();
		}
		catch (TransformerException e) {
			throw new IllegalStateException(schematron + " failed to run", e);
		}
	}

	private static Templates templates(String schematron) {
		return COMPILED.computeIfAbsent(schematron, name -> {
			var url = PeppolBis3Validator.class.getResource(resource(name));
			if (url == null) {
				throw new IllegalStateException(resource(name) + " is missing");
			}
			try {
				return new TransformerFactoryImpl().newTemplates(new StreamSource(url.toExternalForm()));
			}
			catch (TransformerException e) {
				throw new IllegalStateException(name + " does not compile", e);
			}
		});
	}

	private static String resource(String schematron) {
		return "/billing/peppol-bis-3/" + RELEASE + "/" + schematron + ".xslt";
	}

	private static void collect(String source, Document svrl, String element, List<Finding> findings) {
		var nodes = svrl.getElementsByTagNameNS(SVRL, element);
		for (int i = 0; i < nodes.getLength(); i++) {
			var node = (Element) nodes.item(i);
			String text = "";
			var texts = node.getElementsByTagNameNS(SVRL, "text");
			if (texts.getLength() > 0) {
				Node t = texts.item(0);
				text = t.getTextContent().strip();
			}
			String flag = node.getAttribute("flag").isEmpty() ? "error" : node.getAttribute("flag");
			findings.add(new Finding(source, node.getAttribute("id"), flag, node.getAttribute("location"), text));
		}
	}
}
