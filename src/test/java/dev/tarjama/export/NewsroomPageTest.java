package dev.tarjama.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the newsroom page served from the classpath ({@code /web/}): the elements the
 * browser test relies on exist and are labelled, every export format has a download link, nothing
 * is loaded from outside the jar, and the script never turns data into markup. (Behaviour in a real
 * browser is covered by the end-to-end test of the HTTP layer.)
 */
class NewsroomPageTest {
    static String resource(String name) throws IOException {
        try (InputStream in = NewsroomPageTest.class.getResourceAsStream("/web/" + name)) {
            assertNotNull(in, "missing classpath resource /web/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void pageHasLabelledControlsAndTheElementsTheBrowserTestUses() throws IOException {
        Document page = Jsoup.parse(resource("index.html"));
        Element source = page.selectFirst("textarea#source");
        assertNotNull(source);
        assertEquals("rtl", source.attr("dir"));
        assertEquals("ar", source.attr("lang"));
        for (String id : List.of("source", "file", "beams")) {
            assertNotNull(page.selectFirst("label[for=" + id + "]"), "no label for #" + id);
        }
        assertNotNull(page.selectFirst("button#translate[type=submit]"));
        assertNotNull(page.selectFirst("#result #rows"));
        assertNotNull(page.selectFirst("#error[role=alert]"));
        assertNotNull(page.selectFirst("#status[aria-live]"));
        assertTrue(page.selectFirst("input#file").attr("accept").contains(".docx")
                && page.selectFirst("input#file").attr("accept").contains(".html"), "the page takes .html and .docx files");
        assertNotNull(page.selectFirst("#document-download a#translated-file"));
        assertEquals("width=device-width, initial-scale=1", page.selectFirst("meta[name=viewport]").attr("content"));
    }

    @Test
    void everyExportFormatHasADownloadLink() throws IOException {
        Document page = Jsoup.parse(resource("index.html"));
        List<String> links = page.select("a.download").eachAttr("data-format");
        for (ExportFormat f : ExportFormat.values()) {
            assertTrue(links.contains(f.requestName()), "no download link for " + f.requestName());
        }
        assertTrue(links.contains("json"));
    }

    @Test
    void nothingIsLoadedFromOutsideTheJar() throws IOException {
        Document page = Jsoup.parse(resource("index.html"));
        for (Element e : page.select("[src], link[href]")) {
            String url = e.hasAttr("src") ? e.attr("src") : e.attr("href");
            assertFalse(url.contains(":") || url.startsWith("/") || url.contains(".."), "non-local resource " + url);
            resource(url); // exists next to index.html
        }
        String css = resource("app.css");
        assertFalse(css.contains("url(") || css.contains("@import"), "CSS must not load anything");
        assertTrue(css.contains("\"Noto Naskh Arabic\", \"Amiri\", \"Geeza Pro\""), "Arabic font stack");
        assertTrue(css.contains("@media (max-width"), "columns stack on phones");
        String js = code(resource("app.js"));
        assertFalse(js.contains("http:") || js.contains("https:") || js.contains("import("), "script fetches only same-origin paths");
    }

    @Test
    void scriptNeverInsertsDataAsMarkup() throws IOException {
        String js = code(resource("app.js"));
        for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")) {
            assertFalse(js.contains(sink), "app.js uses " + sink);
        }
        assertTrue(js.contains("textContent"));
        assertTrue(js.contains("\"/v1/translate\""));
        assertTrue(js.contains("\"/v1/export?format=\""));
    }

    /** The script without its {@code //} line comments. */
    private static String code(String js) {
        return Arrays.stream(js.split("\n"))
                .filter(l -> !l.strip().startsWith("//"))
                .map(l -> l.replaceAll("\\s//\\s.*$", ""))
                .collect(Collectors.joining("\n"));
    }
}
