package dev.tarjama.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedSentence;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Markdown export rendered by pandoc (Debian's, which {@code .ci/run} installs), read as GitHub
 * Flavoured Markdown and as pandoc's own Markdown: every Arabic cell is a right-to-left span in a
 * right-aligned column, with its text intact. When Debian's Chromium is there too, the rendered page
 * is opened headless, the test checks that the final period or closing {@code »} of each Arabic
 * sentence is drawn at the left end of its last line (in a left-to-right cell it would land at the right), and it saves {@code target/markdown-export-pandoc.png}.
 * Skipped when pandoc is absent.
 */
class MarkdownPandocTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target/markdown-export-pandoc.png");

    static String pandoc(String from, Path markdown) throws Exception {
        Process p = new ProcessBuilder("pandoc", "-f", from, "-t", "html5", "--standalone",
                "--metadata", "pagetitle=export", markdown.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pandoc finished");
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }

    static TranslatedDocument document() {
        return ExampleArticle.document();
    }

    @Test
    void pandocRendersEveryArabicCellRightToLeftWithItsTextIntact() throws Exception {
        Assumptions.assumeTrue(SpreadsheetRoundTripTest.onPath("pandoc"),
                "skipped: pandoc is not installed (.ci/run installs Debian's pandoc)");
        Path dir = Files.createDirectories(Path.of("target", "markdown-pandoc"));
        Path md = dir.resolve("export.md");
        Files.write(md, Exporters.toBytes(document(), ExportFormat.MD, ExampleArticle.CONTEXT));
        List<TranslatedSentence> sentences = HostileText.sentences(document());
        Path gfmHtml = dir.resolve("export-gfm.html");
        for (String from : List.of("gfm", "markdown")) {
            String html = pandoc(from, md);
            Document page = Jsoup.parse(html);
            List<Element> rows = page.select("table tbody tr");
            assertEquals(sentences.size(), rows.size(), from);
            for (int i = 0; i < rows.size(); i++) {
                Element arabic = rows.get(i).child(2);
                Element english = rows.get(i).child(3);
                assertEquals("text-align: right;", arabic.attr("style"), from + ": the Arabic column is right-aligned");
                Element span = arabic.selectFirst("span[dir=rtl]");
                assertTrue(span != null, from + " row " + i + ": " + arabic);
                assertEquals(sentences.get(i).source(), span.wholeText().replace('\n', ' '), from + " row " + i);
                assertTrue(english.select("[dir]").isEmpty(), "English stays left to right");
            }
            if (from.equals("gfm")) {
                Files.writeString(gfmHtml, html);
            }
        }
        screenshot(gfmHtml, sentences.size());
    }

    /**
     * For each Arabic span ending in a period or {@code »}: asserts that this last character is drawn
     * at the left end of the span's last line ({@code rtl}) or at its right end (not); returns how
     * many were checked.
     */
    @SuppressWarnings("unchecked")
    private static int finalCharacterAtTheLeftEnd(JavascriptExecutor js, boolean rtl) {
        List<Map<String, Object>> spans = (List<Map<String, Object>>) js.executeScript(
                "return Array.from(document.querySelectorAll('span.ar')).map(s => {"
                        + " const t = s.firstChild;"
                        + " const r = document.createRange(); r.setStart(t, t.length - 1); r.setEnd(t, t.length);"
                        + " const rects = r.getClientRects(); const last = rects[rects.length - 1];"
                        // the span's boxes on the last character's line (one per bidi run)
                        + " const line = Array.from(s.getClientRects()).filter(b => b.bottom > last.top + 1 && b.top < last.bottom - 1);"
                        + " return {text: t.data, lineLeft: Math.min(...line.map(b => b.left)),"
                        + "   lineRight: Math.max(...line.map(b => b.right)), lastLeft: last.left, lastRight: last.right}; })");
        int checked = 0;
        for (Map<String, Object> s : spans) {
            String text = s.get("text").toString();
            char lastChar = text.charAt(text.length() - 1);
            if (lastChar != '.' && lastChar != '\u00BB') {
                continue; // an Arabic letter ends at the left in either direction; a neutral one shows it
            }
            double lineLeft = ((Number) s.get("lineLeft")).doubleValue();
            double lineRight = ((Number) s.get("lineRight")).doubleValue();
            double lastLeft = ((Number) s.get("lastLeft")).doubleValue();
            double lastRight = ((Number) s.get("lastRight")).doubleValue();
            if (lineRight - lineLeft <= lastRight - lastLeft + 1) {
                continue; // wrapped alone onto the last line: at both ends, it shows nothing
            }
            checked++;
            boolean atLeft = Math.abs(lastLeft - lineLeft) < 1.5 && lastRight < lineRight - 1;
            boolean atRight = Math.abs(lastRight - lineRight) < 1.5 && lastLeft > lineLeft + 1;
            assertTrue(rtl ? atLeft : atRight, (rtl ? "right to left: the final " + lastChar + " is drawn at the left end"
                    : "without dir=rtl the final " + lastChar + " lands at the right end") + " of the last line: " + s);
        }
        return checked;
    }

    /** Opens pandoc's page in headless Chromium: checks where each Arabic cell's last character is drawn; saves a screenshot. */
    private static void screenshot(Path html, int rows) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            System.out.println("MarkdownPandocTest: no Chromium, so no screenshot (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
            return;
        }
        Path profile = Files.createTempDirectory("tarjama-md-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1400,1600", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.get(html.toAbsolutePath().toUri().toString());
            JavascriptExecutor js = (JavascriptExecutor) driver;
            js.executeScript("document.querySelectorAll('span[dir=rtl]').forEach(s => s.classList.add('ar'));");
            assertEquals(rows, ((Number) js.executeScript("return document.querySelectorAll('span.ar').length")).intValue());
            assertTrue(finalCharacterAtTheLeftEnd(js, true) >= 3, "sentences ending in a period or » measured");
            Files.write(SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));
            // the check is not vacuous: the same renderer without dir="rtl" puts the final character at the right
            js.executeScript("document.querySelectorAll('span.ar').forEach(s => s.removeAttribute('dir'));");
            int without = finalCharacterAtTheLeftEnd(js, false);
            System.out.println("MarkdownPandocTest: measured without dir: " + without);
            assertTrue(without >= 3, "sentences measured without dir");
            System.out.println("MarkdownPandocTest: screenshot of pandoc's HTML in " + SCREENSHOT);
        } finally {
            driver.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
