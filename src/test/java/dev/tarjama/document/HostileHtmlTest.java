package dev.tarjama.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import dev.tarjama.translation.TranslationService;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Hostile HTML: the output parses, no script gains content, every text node is accounted for. */
class HostileHtmlTest {
    private static final DecodeOptions OPTS = new DecodeOptions(1, 64);
    private static final FakeEngine ENGINE = new FakeEngine();
    private static final TranslationService SERVICE = new TranslationService(ENGINE);

    @AfterAll
    static void close() {
        SERVICE.close();
    }

    private static final String HOSTILE = "<html lang=ar><head><script>var s = '<p>قال</p>'; if (a < b && c > d) {}</script>"
            + "<style>/* </p> */ p::after { content: \"قال\" }</style></head><body>"
            + "<!-- تعليق <p>مخفي</p> --><p>قال &amp; أضاف &lt;b&gt; &quot;نعم&quot; &#1605;&#x631; &nbsp;هنا.</p>"
            + "<![CDATA[ قال <b>لا</b> ]]>"
            + "<table><tr><td>خلية <b>أولى</b><table><tr><td>خلية داخلية<script>document.write('x')</script> بعدها.</td>"
            + "<th title=\"رأس\">رأس</th></tr></table></td><td><p>فقرة في خلية.</p>نص بعد الفقرة.</td></tr></table>"
            + "<p>نص <span><i>مائل <b>وعريض</b></i> ثم</span> عادي.<br>سطر ثان.</p>"
            + "<p>قال<script>alert('<b>x</b>')</script> الوزير.</p>"
            + "<div>نص مباشر في div<p>ثم فقرة.</p>وبعدها نص.</div>"
            + "<p><a href=\"javascript:alert(1)\" onclick=\"x()\">رابط</a></p>"
            + "<noscript><p>بدون سكربت</p></noscript><p>   </p><p></p><p>English only, nothing Arabic.</p>"
            + "<textarea>نص في مربع</textarea><p>نهاية <unknown-tag>عنصر مجهول</unknown-tag>.</p></body></html>";

    @Test
    void hostileHtmlTranslatesIntoParsableHtmlWithScriptsUnchangedAndEveryTextAccountedFor() {
        Document in = Jsoup.parse(HOSTILE);
        HtmlTranslation t = new HtmlTranslator(SERVICE).translate(HOSTILE, OPTS, null);
        Document out = Jsoup.parse(t.html());
        // no script or style gains (or loses) content
        assertEquals(data(in, "script"), data(out, "script"));
        assertEquals(data(in, "style"), data(out, "style"));
        assertEquals(in.select("textarea").text(), out.select("textarea").text());
        assertEquals(in.select("noscript").html(), out.select("noscript").html());
        // comments (and CDATA, a bogus comment in HTML) are kept
        assertEquals(comments(in), comments(out));
        // the structure is the same element for element
        assertEquals(tags(in), tags(out));
        assertEquals("javascript:alert(1)", out.selectFirst("a").attr("href"));
        assertEquals("x()", out.selectFirst("a").attr("onclick"));
        assertEquals("en", out.selectFirst("html").attr("lang"));
        // every text node outside untouched elements is in a paragraph's source, and all of its letters
        StringBuilder sources = new StringBuilder();
        for (TranslatedParagraph p : t.document().paragraphs()) {
            for (TranslatedSentence s : p.sentences()) {
                sources.append(s.source());
            }
        }
        StringBuilder translatable = new StringBuilder();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode tn && !(node.parent() instanceof Element e && inside(e))) {
                translatable.append(tn.getWholeText());
            }
        }, in.body());
        for (Element e : in.select("[title], [alt]")) {
            translatable.append(e.attr("title")).append(e.attr("alt"));
        }
        assertEquals(sorted(letters(translatable.toString())), sorted(letters(sources.toString())));
        // and every translated sentence shows up in the output
        String outText = out.text();
        for (TranslatedParagraph p : t.document().paragraphs()) {
            for (TranslatedSentence s : p.sentences()) {
                if (!t.paths().get(t.document().paragraphs().indexOf(p)).contains("@")) {
                    assertTrue(outText.contains(s.translation().replace('\u00a0', ' ').strip().split(" ")[0]),
                            "missing " + s.translation());
                }
            }
        }
    }

    private static boolean inside(Element e) {
        for (Element at = e; at != null; at = at.parent()) {
            if (List.of("script", "style", "textarea", "noscript", "code", "pre").contains(at.normalName())
                    || at.attr("translate").equals("no")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> data(Document d, String tag) {
        List<String> out = new ArrayList<>();
        for (Element e : d.select(tag)) {
            out.add(e.data());
            e.dataNodes().forEach((DataNode n) -> out.add(n.getWholeData()));
        }
        return out;
    }

    private static List<String> comments(Document d) {
        List<String> out = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof org.jsoup.nodes.Comment c) {
                out.add(c.getData());
            }
        }, d);
        return out;
    }

    private static List<String> tags(Document d) {
        return d.getAllElements().stream().map(Element::normalName).toList();
    }

    private static String letters(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String sorted(String s) {
        return s.codePoints().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
