package dev.tarjama.export;

import static dev.tarjama.export.XmlParsing.child;
import static dev.tarjama.export.XmlParsing.children;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * TMX, XLIFF 2.1 and XLIFF 1.2 exports of hostile text are well-formed (strict namespace-aware
 * parser, no DOCTYPE), use only the expected elements and namespaces, and carry every text exactly
 * (minus the code points XML forbids). No XSD is available offline, so structure is checked here.
 */
class XmlExportProperties {
    static final String XML = XMLConstants.XML_NS_URI;
    static final String X2 = XliffExporter.NS;
    static final String MDA = XliffExporter.MDA_NS;
    static final String X12 = Xliff12Exporter.NS;

    @Provide
    Arbitrary<TranslatedDocument> documents() {
        return HostileText.documents();
    }

    @Provide
    Arbitrary<String> titles() {
        return HostileText.strings();
    }

    private static ExportContext ctx(String title) {
        return new ExportContext(title, Instant.EPOCH, "Tarjama", "test");
    }

    @Property(tries = 300)
    void tmxParsesAndCarriesEverySentencePair(@ForAll("documents") TranslatedDocument doc, @ForAll("titles") String title) {
        Document d = XmlParsing.parse(Exporters.toBytes(doc, ExportFormat.TMX, ctx(title)));
        Element tmx = d.getDocumentElement();
        assertEquals("tmx", tmx.getLocalName());
        assertEquals(null, tmx.getNamespaceURI());
        assertEquals("1.4", tmx.getAttribute("version"));
        Element header = child(tmx, null, "header");
        for (String a : List.of("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype")) {
            assertTrue(header.hasAttribute(a), "header lacks " + a);
        }
        assertEquals("ar", header.getAttribute("srclang"));
        assertEquals("plaintext", header.getAttribute("datatype"));
        assertEquals(Set.of("{}tmx", "{}header", "{}prop", "{}body", "{}tu", "{}tuv", "{}seg"),
                Set.copyOf(XmlParsing.allNames(d)));

        List<TranslatedSentence> sentences = HostileText.sentences(doc);
        List<Element> tus = children(child(tmx, null, "body"), null, "tu");
        assertEquals(sentences.size(), tus.size());
        for (int i = 0; i < tus.size(); i++) {
            List<Element> tuvs = children(tus.get(i), null, "tuv");
            assertEquals(2, tuvs.size());
            assertEquals("ar", tuvs.get(0).getAttributeNS(XML, "lang"));
            assertEquals("en", tuvs.get(1).getAttributeNS(XML, "lang"));
            assertEquals(HostileText.expected(sentences.get(i).source()), child(tuvs.get(0), null, "seg").getTextContent());
            assertEquals(HostileText.expected(sentences.get(i).translation()), child(tuvs.get(1), null, "seg").getTextContent());
        }
    }

    @Property(tries = 300)
    void xliff21ParsesWithOneUnitPerParagraphAndRebuildsIt(@ForAll("documents") TranslatedDocument doc, @ForAll("titles") String title) {
        Document d = XmlParsing.parse(Exporters.toBytes(doc, ExportFormat.XLIFF, ctx(title)));
        Element root = d.getDocumentElement();
        assertEquals("xliff", root.getLocalName());
        assertEquals(X2, root.getNamespaceURI());
        assertEquals("2.1", root.getAttribute("version"));
        assertEquals("ar", root.getAttribute("srcLang"));
        assertEquals("en", root.getAttribute("trgLang"));
        for (String name : XmlParsing.allNames(d)) {
            assertTrue(Set.of("{" + X2 + "}xliff", "{" + X2 + "}file", "{" + X2 + "}unit", "{" + X2 + "}segment",
                    "{" + X2 + "}ignorable", "{" + X2 + "}source", "{" + X2 + "}target", "{" + MDA + "}metadata",
                    "{" + MDA + "}metaGroup", "{" + MDA + "}meta").contains(name), "unexpected element " + name);
        }
        Element file = child(root, X2, "file");
        List<Element> units = children(file, X2, "unit");
        assertEquals(doc.paragraphs().size(), units.size());
        for (int i = 0; i < units.size(); i++) {
            TranslatedParagraph p = doc.paragraphs().get(i);
            List<Element> segments = children(units.get(i), X2, "segment");
            assertEquals(p.sentences().size(), segments.size());
            for (int j = 0; j < segments.size(); j++) {
                TranslatedSentence s = p.sentences().get(j);
                assertEquals("translated", segments.get(j).getAttribute("state"));
                assertEquals(HostileText.expected(s.source()), child(segments.get(j), X2, "source").getTextContent());
                assertEquals(HostileText.expected(s.translation()), child(segments.get(j), X2, "target").getTextContent());
            }
            StringBuilder rebuilt = new StringBuilder();
            for (Element part = XmlParsing.children(units.get(i), X2, "segment").get(0); part != null;
                    part = next(part)) {
                rebuilt.append(child(part, X2, "source").getTextContent());
            }
            assertEquals(HostileText.expected(p.source()), rebuilt.toString(), "segments + ignorables rebuild the paragraph");
        }
    }

    @Property(tries = 300)
    void xliff12ParsesWithOneTransUnitPerSentence(@ForAll("documents") TranslatedDocument doc, @ForAll("titles") String title) {
        Document d = XmlParsing.parse(Exporters.toBytes(doc, ExportFormat.XLIFF12, ctx(title)));
        Element root = d.getDocumentElement();
        assertEquals("xliff", root.getLocalName());
        assertEquals(X12, root.getNamespaceURI());
        assertEquals("1.2", root.getAttribute("version"));
        assertEquals(Set.of("xliff", "file", "header", "tool", "body", "group", "trans-unit", "source", "target")
                        .stream().map(n -> "{" + X12 + "}" + n).collect(java.util.stream.Collectors.toSet()),
                Set.copyOf(XmlParsing.allNames(d)));
        Element file = child(root, X12, "file");
        assertEquals("ar", file.getAttribute("source-language"));
        assertEquals("en", file.getAttribute("target-language"));
        assertEquals("plaintext", file.getAttribute("datatype"));
        assertTrue(!file.getAttribute("original").isEmpty());
        List<Element> groups = children(child(file, X12, "body"), X12, "group");
        assertEquals(doc.paragraphs().size(), groups.size());
        for (int i = 0; i < groups.size(); i++) {
            TranslatedParagraph p = doc.paragraphs().get(i);
            List<Element> units = children(groups.get(i), X12, "trans-unit");
            assertEquals(p.sentences().size(), units.size());
            for (int j = 0; j < units.size(); j++) {
                Element target = child(units.get(j), X12, "target");
                assertEquals("preserve", units.get(j).getAttributeNS(XML, "space"));
                assertEquals("translated", target.getAttribute("state"));
                assertEquals(HostileText.expected(p.sentences().get(j).source()), child(units.get(j), X12, "source").getTextContent());
                assertEquals(HostileText.expected(p.sentences().get(j).translation()), target.getTextContent());
            }
        }
    }

    /** The next sibling segment or ignorable, or null. */
    private static Element next(Element e) {
        for (var n = e.getNextSibling(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element s && X2.equals(s.getNamespaceURI())
                    && (s.getLocalName().equals("segment") || s.getLocalName().equals("ignorable"))) {
                return s;
            }
        }
        return null;
    }
}
