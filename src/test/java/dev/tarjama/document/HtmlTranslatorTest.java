package dev.tarjama.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.review.ReasonCode;
import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import dev.tarjama.translation.TranslationService;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTML in, HTML out, on the word-for-word fake engine (its alignment is exact). */
class HtmlTranslatorTest {
    private static final DecodeOptions OPTS = new DecodeOptions(1, 64);
    private final FakeEngine engine = new FakeEngine();
    private final TranslationService service = new TranslationService(engine);
    private final HtmlTranslator translator = new HtmlTranslator(service);

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void blocksBecomeParagraphsAndKeepTheirStructureAndAttributes() {
        String html = "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><title>عنوان الخبر</title>"
                + "<style>p { color: red }</style></head><body><article class=\"story\">"
                + "<h1 id=\"h\">قال الوزير</h1><p data-x=\"1\">وأضاف أن التضخم تراجع.</p>"
                + "<ul><li>أولا</li><li>ثانيا</li></ul></article></body></html>";
        HtmlTranslation t = translator.translate(html, OPTS, null);
        Document out = Jsoup.parse(t.html());
        assertEquals("en", out.selectFirst("html").attr("lang"));
        assertEquals("ltr", out.selectFirst("html").attr("dir"));
        assertEquals(FakeEngine.expected("عنوان الخبر"), out.title());
        assertEquals("p { color: red }", out.selectFirst("style").data());
        assertEquals(FakeEngine.expected("قال الوزير"), out.selectFirst("h1#h").text());
        assertEquals("1", out.selectFirst("p").attr("data-x"));
        assertEquals(FakeEngine.expected("وأضاف أن التضخم تراجع."), out.selectFirst("p").text());
        assertEquals(2, out.select("article.story ul > li").size());
        assertEquals(List.of("html > head > title", "#h", "html > body > article.story > p",
                "html > body > article.story > ul > li:nth-child(1)", "html > body > article.story > ul > li:nth-child(2)"), t.paths());
        assertEquals(5, t.document().paragraphs().size());
    }

    @Test
    void anInlineElementInsideASentenceWrapsTheWordsAlignedWithItsOwn() {
        String html = "<p>قال <a href=\"https://example.com/x?a=1&amp;b=2\" class=\"l\">وزير الخارجية</a> إن المحادثات ستستمر.</p>";
        HtmlTranslation t = translator.translate(html, OPTS, null);
        Element a = Jsoup.parse(t.html()).selectFirst("a");
        assertEquals("وزير الخارجية", a.text(), "the fake engine copies words, so the link covers the same two words");
        assertEquals("https://example.com/x?a=1&b=2", a.attr("href"));
        assertEquals("l", a.attr("class"));
        TranslatedSentence s = t.document().paragraphs().get(0).sentences().get(0);
        assertFalse(s.review().has(ReasonCode.MARKUP_MOVED));
    }

    @Test
    void anElementCoveringTheWholeSentenceWrapsTheWholeTranslationAndNestedOnesArePlacedInside() {
        String html = "<p><strong>قال <em>الوزير</em> إن المحادثات ستستمر.</strong> وأضاف أن التضخم تراجع.</p>";
        HtmlTranslation t = translator.translate(html, OPTS, null);
        Element p = Jsoup.parse(t.html()).selectFirst("p");
        assertEquals(FakeEngine.expected("قال الوزير إن المحادثات ستستمر."), p.selectFirst("strong").text());
        assertEquals("الوزير", p.selectFirst("strong > em").text());
        assertEquals(FakeEngine.expected("قال الوزير إن المحادثات ستستمر.") + " "
                + FakeEngine.expected("وأضاف أن التضخم تراجع."), p.text());
    }

    @Test
    void markupThatCannotBePlacedIsKeptAtTheSentenceEndAndFlagged() {
        String html = "<p>قال <b>الوزير</b> إن المحادثات ستستمر.</p>";
        FakeEngine cannotAlign = new FakeEngine();
        cannotAlign.setAligning(false);
        TranslationService noAlign = new TranslationService(cannotAlign);
        try {
            HtmlTranslation t = new HtmlTranslator(noAlign).translate(html, OPTS, null);
            Element p = Jsoup.parse(t.html()).selectFirst("p");
            Element b = p.selectFirst("b");
            assertEquals(FakeEngine.expected("الوزير"), b.text(), "a moved element wraps the translation of its own text");
            assertTrue(p.text().startsWith(FakeEngine.expected("قال الوزير إن المحادثات ستستمر.")));
            assertEquals(p.childNodeSize() - 1, b.siblingIndex(), "at the sentence's end");
            TranslatedSentence s = t.document().paragraphs().get(0).sentences().get(0);
            assertTrue(s.review().has(ReasonCode.MARKUP_MOVED));
            assertEquals(List.of("<b>"), s.review().reasons().stream()
                    .filter(r -> r.code() == ReasonCode.MARKUP_MOVED).findFirst().orElseThrow().items());
        } finally {
            noAlign.close();
        }
    }

    @Test
    void untouchedElementsAndAttributesFollowTheRules() {
        String html = "<div><p>اكتب <code>npm install</code> ثم انتظر.</p><pre>كود عربي</pre>"
                + "<p translate=\"no\">اسم العلامة</p><p class=\"notranslate other\">لا تترجم</p>"
                + "<p>صورة <img src=\"a.png\" alt=\"صورة الوزير\" title=\"الوزير\"> هنا.</p>"
                + "<p>نص <span translate=\"no\">محمد</span> آخر.</p></div>";
        HtmlTranslation t = translator.translate(html, OPTS, null);
        Document out = Jsoup.parse(t.html());
        assertEquals("npm install", out.selectFirst("code").text());
        assertEquals("كود عربي", out.selectFirst("pre").text());
        assertEquals("اسم العلامة", out.selectFirst("p[translate=no]").text());
        assertEquals("لا تترجم", out.selectFirst("p.notranslate").text());
        Element img = out.selectFirst("img");
        assertEquals(FakeEngine.expected("صورة الوزير"), img.attr("alt"));
        assertEquals(FakeEngine.expected("الوزير"), img.attr("title"));
        assertEquals("a.png", img.attr("src"));
        assertEquals("محمد", out.selectFirst("span[translate=no]").text());
        assertTrue(t.paths().contains("html > body > div > p:nth-child(5) > img@alt"), t.paths().toString());
        for (TranslatedParagraph p : t.document().paragraphs()) {
            assertFalse(p.source().contains("كود عربي") || p.source().contains("لا تترجم") || p.source().contains("اسم العلامة"),
                    "untouched text is never sent: " + p.source());
        }
    }
}
