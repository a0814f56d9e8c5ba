package dev.tarjama.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/** The HTML export parses with jsoup, keeps its structure and carries every text unchanged. */
class HtmlExportProperties {
    /** Every element the exporter writes; anything else would be injected markup. */
    static final Set<String> TAGS = Set.of("html", "head", "meta", "title", "style", "body", "header", "h1", "p",
            "code", "time", "main", "div", "section", "footer");

    @Provide
    Arbitrary<TranslatedDocument> documents() {
        return HostileText.documents();
    }

    @Provide
    Arbitrary<String> titles() {
        return HostileText.strings().filter(t -> !HostileText.expected(t).isBlank());
    }

    @Property(tries = 300)
    void hostileTextCannotInjectMarkupAndRoundTrips(@ForAll("documents") TranslatedDocument doc, @ForAll("titles") String title) {
        ExportContext ctx = new ExportContext(title, Instant.EPOCH, "Tarjama", "test");
        String html = new String(Exporters.toBytes(doc, ExportFormat.HTML, ctx), StandardCharsets.UTF_8);
        Document parsed = Jsoup.parse(html);

        for (Element e : parsed.getAllElements()) {
            if (!e.tagName().equals("#root")) {
                assertTrue(TAGS.contains(e.tagName()), "unexpected element <" + e.tagName() + ">");
            }
        }
        assertEquals(1, parsed.select("style").size());
        assertEquals(HostileText.expected(title).strip(), parsed.selectFirst("h1").wholeText().strip());
        assertEquals(HostileText.expected(doc.model().id()), parsed.selectFirst("header code.model").wholeText());

        Elements rows = parsed.select("main > section.row");
        assertEquals(doc.paragraphs().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            TranslatedParagraph p = doc.paragraphs().get(i);
            Elements pairs = rows.get(i).select("> div.pair");
            assertEquals(p.sentences().size(), pairs.size());
            for (int j = 0; j < pairs.size(); j++) {
                TranslatedSentence s = p.sentences().get(j);
                Element ar = pairs.get(j).selectFirst("> p.ar");
                Element en = pairs.get(j).selectFirst("> p.en");
                assertEquals("ar", ar.attr("lang"));
                assertEquals("rtl", ar.attr("dir"));
                assertEquals("en", en.attr("lang"));
                assertEquals("ltr", en.attr("dir"));
                assertEquals(Integer.toString(s.index()), pairs.get(j).attr("data-s"));
                assertEquals(HostileText.expected(s.source()), ar.wholeText());
                assertEquals(HostileText.expected(s.translation()), en.wholeText());
            }
        }
    }
}
