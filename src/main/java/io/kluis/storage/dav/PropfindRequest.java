package io.kluis.storage.dav;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * What a PROPFIND asks for: all properties (optionally with some that {@code allprop} leaves out),
 * only the names, or named properties.
 */
record PropfindRequest(Kind kind, List<PropertyName> names) {

	enum Kind {
		ALL, NAMES, SELECTED
	}

	/** A property name: namespace URI ({@code ""} for none) and local name. */
	record PropertyName(String namespace, String localName) {

		static PropertyName of(Element element) {
			return new PropertyName(DavXml.namespace(element), element.getLocalName());
		}

		boolean isDav(String name) {
			return DavXml.DAV.equals(namespace) && localName.equals(name);
		}
	}

	static final PropfindRequest ALL = new PropfindRequest(Kind.ALL, List.of());

	static PropfindRequest parse(byte @Nullable [] body) throws DavXml.InvalidXml {
		if (body == null) {
			return ALL;
		}
		Element root = DavXml.parse(body).getDocumentElement();
		if (!DavXml.is(root, DavXml.DAV, "propfind")) {
			throw new DavXml.InvalidXml("A PROPFIND body must be a DAV:propfind element.");
		}
		for (Element child : DavXml.children(root)) {
			if (DavXml.is(child, DavXml.DAV, "propname")) {
				return new PropfindRequest(Kind.NAMES, List.of());
			}
			if (DavXml.is(child, DavXml.DAV, "allprop")) {
				Element include = DavXml.child(root, DavXml.DAV, "include");
				return new PropfindRequest(Kind.ALL, include == null ? List.of() : names(include));
			}
			if (DavXml.is(child, DavXml.DAV, "prop")) {
				return new PropfindRequest(Kind.SELECTED, names(child));
			}
		}
		throw new DavXml.InvalidXml("A DAV:propfind needs DAV:allprop, DAV:propname or DAV:prop.");
	}

	private static List<PropertyName> names(Element parent) {
		var names = new ArrayList<PropertyName>();
		for (Element element : DavXml.children(parent)) {
			names.add(PropertyName.of(element));
		}
		return names;
	}
}
