package dev.tarjama.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tarjama.translation.TranslatedSentence;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The review hook: flagged sentences become {@code initial} (2.1) / {@code needs-review-translation} (1.2). */
class XliffReviewHookTest {
    /** Stand-in for a future review flag: the example's scores go from -0.1 to -2.4. */
    static final Predicate<TranslatedSentence> LOW_SCORE = s -> s.score() < -2.0;

    @Test
    void xliff21MarksFlaggedSegmentsInitialAndOthersTranslated() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new XliffExporter(LOW_SCORE).write(ExampleArticle.document(), ExampleArticle.CONTEXT, out);
        assertEquals(expectedStates("initial"), states(XmlParsing.parse(out.toByteArray()), XliffExporter.NS, "segment"));
    }

    @Test
    void xliff12MarksFlaggedTargetsNeedsReview() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Xliff12Exporter(LOW_SCORE).write(ExampleArticle.document(), ExampleArticle.CONTEXT, out);
        assertEquals(expectedStates("needs-review-translation"),
                states(XmlParsing.parse(out.toByteArray()), Xliff12Exporter.NS, "target"));
    }

    @Test
    void defaultExportersFlagNothing() {
        Document d = XmlParsing.parse(Exporters.toBytes(ExampleArticle.document(), ExportFormat.XLIFF, ExampleArticle.CONTEXT));
        assertEquals(List.of("translated"), states(d, XliffExporter.NS, "segment").stream().distinct().toList());
    }

    private static List<String> expectedStates(String flagged) {
        return HostileText.sentences(ExampleArticle.document()).stream()
                .map(s -> LOW_SCORE.test(s) ? flagged : "translated").toList();
    }

    private static List<String> states(Document d, String ns, String element) {
        NodeList nodes = d.getElementsByTagNameNS(ns, element);
        return java.util.stream.IntStream.range(0, nodes.getLength())
                .mapToObj(i -> ((Element) nodes.item(i)).getAttribute("state")).toList();
    }
}
