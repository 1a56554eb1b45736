package io.kluis.storage.dav;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads WebDAV request bodies safely and writes XML. Parsing refuses document type declarations
 * (so no external entities and no entity expansion bombs), bodies over 1 MiB (413; the body-limit
 * filter, {@code kluis.web.max-xml-body}, usually refuses them before they arrive here) and nesting
 * deeper than 64 elements, before anything else looks at the document.
 */
final class DavXml {

	static final String DAV = "DAV:";

	static final int MAX_BODY = 1024 * 1024;

	static final int MAX_DEPTH = 64;

	private static final DocumentBuilderFactory FACTORY = factory();

	private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(DavXml::builder);

	private DavXml() {
	}

	/** A request body that is not acceptable XML (400, 413 when too large); the message says why, without the content. */
	static final class InvalidXml extends Exception {

		private final int status;

		InvalidXml(String message) {
			this(message, 400);
		}

		InvalidXml(String message, int status) {
			super(message);
			this.status = status;
		}

		DavError toDavError() {
			return new DavError(status, getMessage());
		}
	}

	/** Reads at most {@link #MAX_BODY} bytes; {@code null} when there is no body. */
	static byte @Nullable [] readBody(InputStream in, long declaredLength) throws IOException, InvalidXml {
		if (declaredLength > MAX_BODY) {
			throw new InvalidXml("The request body is larger than 1 MiB.", 413);
		}
		byte[] body = in.readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			throw new InvalidXml("The request body is larger than 1 MiB.", 413);
		}
		return body.length == 0 ? null : body;
	}

	static Document parse(byte[] body) throws InvalidXml {
		DocumentBuilder builder = BUILDERS.get();
		builder.reset();
		builder.setErrorHandler(Silent.INSTANCE);
		builder.setEntityResolver((publicId, systemId) -> {
			throw new SAXException("external entities are not allowed");
		});
		Document document;
		try {
			document = builder.parse(new ByteArrayInputStream(body));
		}
		catch (SAXException e) {
			throw new InvalidXml("The request body is not well-formed XML (or declares a DTD, which is not allowed).");
		}
		catch (IOException e) {
			throw new InvalidXml("The request body could not be read.");
		}
		if (depth(document.getDocumentElement()) > MAX_DEPTH) {
			throw new InvalidXml("The request body nests elements deeper than 64 levels.");
		}
		return document;
	}

	private static int depth(Element root) {
		int max = 0;
		var stack = new ArrayDeque<Object[]>();
		stack.push(new Object[] { root, 1 });
		while (!stack.isEmpty()) {
			Object[] top = stack.pop();
			int depth = (Integer) top[1];
			max = Math.max(max, depth);
			if (max > MAX_DEPTH) {
				return max;
			}
			for (Element child : children((Element) top[0])) {
				stack.push(new Object[] { child, depth + 1 });
			}
		}
		return max;
	}

	static List<Element> children(Element parent) {
		var list = new ArrayList<Element>();
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element element) {
				list.add(element);
			}
		}
		return list;
	}

	static boolean is(Node node, String namespace, String localName) {
		return node instanceof Element && namespace.equals(node.getNamespaceURI())
				&& localName.equals(node.getLocalName());
	}

	static @Nullable Element child(Element parent, String namespace, String localName) {
		for (Element child : children(parent)) {
			if (is(child, namespace, localName)) {
				return child;
			}
		}
		return null;
	}

	static String namespace(Node node) {
		return node.getNamespaceURI() == null ? "" : node.getNamespaceURI();
	}

	/**
	 * The element as a stand-alone fragment: every namespace it uses is declared on it with a
	 * generated prefix, so it can be stored and later written anywhere in another document.
	 */
	static String serialize(Element element) {
		Map<String, String> prefixes = new LinkedHashMap<>();
		collectNamespaces(element, prefixes);
		var out = new StringBuilder();
		write(element, prefixes, true, out);
		return out.toString();
	}

	private static void collectNamespaces(Element element, Map<String, String> prefixes) {
		addNamespace(namespace(element), prefixes);
		NamedNodeMap attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
				addNamespace(namespace(attribute), prefixes);
			}
		}
		for (Element child : children(element)) {
			collectNamespaces(child, prefixes);
		}
	}

	private static void addNamespace(String namespace, Map<String, String> prefixes) {
		if (!namespace.isEmpty() && !XMLConstants.XML_NS_URI.equals(namespace) && !prefixes.containsKey(namespace)) {
			prefixes.put(namespace, "k" + prefixes.size());
		}
	}

	private static String qualified(Node node, Map<String, String> prefixes) {
		String namespace = namespace(node);
		if (namespace.isEmpty()) {
			return node.getLocalName();
		}
		if (XMLConstants.XML_NS_URI.equals(namespace)) {
			return "xml:" + node.getLocalName();
		}
		return prefixes.get(namespace) + ":" + node.getLocalName();
	}

	private static void write(Element element, Map<String, String> prefixes, boolean top, StringBuilder out) {
		String name = qualified(element, prefixes);
		out.append('<').append(name);
		if (top) {
			prefixes.forEach((namespace, prefix) -> out.append(" xmlns:")
				.append(prefix)
				.append("=\"")
				.append(escapeAttribute(namespace))
				.append('"'));
		}
		NamedNodeMap attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
				continue;
			}
			out.append(' ')
				.append(qualified(attribute, prefixes))
				.append("=\"")
				.append(escapeAttribute(attribute.getValue()))
				.append('"');
		}
		if (element.getFirstChild() == null) {
			out.append("/>");
			return;
		}
		out.append('>');
		for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element child) {
				write(child, prefixes, false, out);
			}
			else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
				out.append(escapeText(n.getNodeValue()));
			}
		}
		out.append("</").append(name).append('>');
	}

	/** An empty element for a property name, with its namespace declared on it. */
	static String emptyElement(String namespace, String localName) {
		if (DAV.equals(namespace)) {
			return "<D:" + localName + "/>";
		}
		if (namespace.isEmpty()) {
			return "<" + localName + "/>";
		}
		return "<X:" + localName + " xmlns:X=\"" + escapeAttribute(namespace) + "\"/>";
	}

	static String escapeText(String text) {
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String replacement = switch (c) {
				case '&' -> "&amp;";
				case '<' -> "&lt;";
				case '>' -> "&gt;";
				case '\r' -> "&#13;";
				default -> null;
			};
			if (replacement != null && out == null) {
				out = new StringBuilder(text.length() + 16).append(text, 0, i);
			}
			if (out != null) {
				if (replacement != null) {
					out.append(replacement);
				}
				else {
					out.append(c);
				}
			}
		}
		return out == null ? text : out.toString();
	}

	static String escapeAttribute(String text) {
		return escapeText(text).replace("\"", "&quot;").replace("\n", "&#10;").replace("\t", "&#9;");
	}

	private static DocumentBuilderFactory factory() {
		var factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setXIncludeAware(false);
		factory.setExpandEntityReferences(false);
		try {
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
			factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		}
		catch (ParserConfigurationException e) {
			throw new IllegalStateException("the XML parser cannot be hardened", e);
		}
		return factory;
	}

	private static DocumentBuilder builder() {
		try {
			return FACTORY.newDocumentBuilder();
		}
		catch (ParserConfigurationException e) {
			throw new IllegalStateException("no XML parser", e);
		}
	}

	/** Turns parse errors into exceptions instead of printing them to standard error. */
	private enum Silent implements ErrorHandler {

		INSTANCE;

		@Override
		public void warning(SAXParseException e) {
		}

		@Override
		public void error(SAXParseException e) throws SAXException {
			throw e;
		}

		@Override
		public void fatalError(SAXParseException e) throws SAXException {
			throw e;
		}
	}
}
