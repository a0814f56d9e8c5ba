package dev.tarjama.export;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** Strict, namespace-aware XML parsing for the export tests: any warning or error fails. */
final class XmlParsing {
    /** Turns every parser or validator warning and error into a failure. */
    static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    private XmlParsing() {}

    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(STRICT);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("export is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Child elements of {@code parent} with this namespace and local name, in order. */
    static List<Element> children(Element parent, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(localName) && same(ns, e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The single child element with this name; fails if there is not exactly one. */
    static Element child(Element parent, String ns, String localName) {
        List<Element> c = children(parent, ns, localName);
        if (c.size() != 1) {
            throw new AssertionError("expected one <" + localName + "> in <" + parent.getLocalName() + ">, got " + c.size());
        }
        return c.get(0);
    }

    /** Every element in the document as {@code {namespace}localName}. */
    static List<String> allNames(Document d) {
        List<String> names = new ArrayList<>();
        collect(d.getDocumentElement(), names);
        return names;
    }

    private static void collect(Element e, List<String> names) {
        names.add("{" + (e.getNamespaceURI() == null ? "" : e.getNamespaceURI()) + "}" + e.getLocalName());
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                collect(c, names);
            }
        }
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
