package dev.tarjama.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import dev.tarjama.translation.TranslationService;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;

/** Random markup around Arabic text: no text or element is lost, scripts stay as they were. */
class HtmlTranslatorProperties {
    private static final TranslationService SERVICE = new TranslationService(new FakeEngine());
    private static final HtmlTranslator TRANSLATOR = new HtmlTranslator(SERVICE);
    private static final DecodeOptions OPTS = new DecodeOptions(1, 64);

    @AfterContainer
    static void stop() {
        SERVICE.close();
    }

    @Provide
    Arbitrary<String> pages() {
        Arbitrary<String> word = Arbitraries.of("قال", "الوزير", "موسكو", "2024", "Google", "إن", "المحادثات", "ستستمر.",
                "«نعم»", "&amp;", "&lt;b&gt;", "&#1605;", "\n", " ", "؟", "NASA.");
        Arbitrary<String> inline = Arbitraries.lazyOf(
                () -> word,
                () -> word.list().ofMaxSize(4).map(w -> "<b>" + String.join(" ", w) + "</b>"),
                () -> word.list().ofMinSize(1).ofMaxSize(3).map(w -> "<a href=\"#l\">" + String.join(" ", w) + "</a>"),
                () -> word.list().ofMaxSize(3).map(w -> "<span><i>" + String.join(" ", w) + "</i> </span>"),
                () -> Arbitraries.of("<br>", "<img src=x alt=\"صورة\">", "<!-- تعليق -->", "<code>x &lt; y</code>",
                        "<script>var a = '<p>قال</p>';</script>", "<![CDATA[ قال ]]>", "<span translate=no>محمد</span>"));
        Arbitrary<String> run = inline.list().ofMaxSize(8).map(parts -> String.join(" ", parts));
        Arbitrary<String> block = Arbitraries.lazyOf(
                () -> run.map(r -> "<p>" + r + "</p>"),
                () -> run.map(r -> "<li>" + r + "</li>"),
                () -> run.list().ofMaxSize(2).map(rs -> "<table><tr><td>" + String.join("</td><td>", rs) + "</td></tr></table>"),
                () -> run.list().ofMaxSize(2).map(rs -> "<div>" + String.join("<p>فقرة.</p>", rs) + "</div>"),
                () -> Arbitraries.of("<pre>كود</pre>", "<style>p{}</style>", "<p class=notranslate>لا</p>"));
        return block.list().ofMaxSize(6).map(bs -> "<html lang=ar><body>" + String.join("\n", bs) + "</body></html>");
    }

    @Property(tries = 300)
    void noTextOrElementIsLostAndScriptsStayAsTheyWere(@ForAll("pages") String html) {
        Document in = Jsoup.parse(html);
        HtmlTranslation t = TRANSLATOR.translate(html, OPTS, null);
        Document out = Jsoup.parse(t.html());
        assertEquals(in.select("script").eachAttr("src"), out.select("script").eachAttr("src"));
        assertEquals(data(in, "script"), data(out, "script"));
        assertEquals(data(in, "style"), data(out, "style"));
        // an element spanning two sentences is carried into each of them; otherwise it is kept once
        int sentences = t.document().paragraphs().stream().mapToInt(p -> p.sentences().size()).sum();
        for (String tag : List.of("a[href=#l]", "b", "img", "br")) {
            int before = in.select(tag).size();
            int after = out.select(tag).size();
            if (after < before || after > before + sentences) {
                throw new AssertionError(tag + ": " + before + " in, " + after + " out: " + t.html());
            }
        }
        assertEquals(in.select("code").eachText(), out.select("code").eachText());
        assertEquals(in.select("pre, .notranslate, [translate=no]").eachText(), out.select("pre, .notranslate, [translate=no]").eachText());
        StringBuilder sources = new StringBuilder();
        for (TranslatedParagraph p : t.document().paragraphs()) {
            for (TranslatedSentence s : p.sentences()) {
                sources.append(s.source());
            }
        }
        StringBuilder translatable = new StringBuilder();
        StringBuilder verbatim = new StringBuilder();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode tn && !untouched(node.parent())) {
                (insideVerbatim(node.parent()) ? verbatim : translatable).append(tn.getWholeText());
            }
        }, in.body());
        for (Element e : in.select("[alt]")) {
            translatable.append(e.attr("alt"));
        }
        // every translatable letter is in some sentence; sentences hold nothing else, except the text of
        // code or translate="no" elements inside them (shown to the model, put back verbatim)
        String missing = minus(sortedLetters(translatable.toString()), sortedLetters(sources.toString()));
        assertEquals("", missing, "letters lost from " + html);
        String extra = minus(sortedLetters(sources.toString()), sortedLetters(translatable.toString() + verbatim));
        assertEquals("", extra, "letters from nowhere in " + html);
    }

    private static boolean insideVerbatim(org.jsoup.nodes.Node n) {
        for (org.jsoup.nodes.Node at = n; at instanceof Element e; at = at.parent()) {
            if (e.normalName().equals("code") || e.attr("translate").equals("no")) {
                return true;
            }
        }
        return false;
    }

    /** The sorted letters of {@code a} that {@code b} does not have (multiset difference). */
    private static String minus(String a, String b) {
        StringBuilder out = new StringBuilder();
        int j = 0;
        for (int i = 0; i < a.length(); i++) {
            while (j < b.length() && b.charAt(j) < a.charAt(i)) {
                j++;
            }
            if (j < b.length() && b.charAt(j) == a.charAt(i)) {
                j++;
            } else {
                out.append(a.charAt(i));
            }
        }
        return out.toString();
    }

    private static boolean untouched(org.jsoup.nodes.Node n) {
        for (org.jsoup.nodes.Node at = n; at instanceof Element e; at = at.parent()) {
            if (List.of("script", "style", "pre").contains(e.normalName()) || e.hasClass("notranslate")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> data(Document d, String tag) {
        List<String> out = new ArrayList<>();
        d.select(tag).forEach(e -> out.add(e.data()));
        return out;
    }

    private static String sortedLetters(String s) {
        return s.codePoints().filter(Character::isLetterOrDigit).sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
