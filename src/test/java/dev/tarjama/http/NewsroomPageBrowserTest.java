package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.cli.ServeCommand;
import dev.tarjama.export.ExportFormat;
import dev.tarjama.export.Exporters;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.testutil.Golden;
import dev.tarjama.translation.ServiceConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The newsroom page end to end in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; never downloaded) against {@code serve} with the tiny model: load the
 * example article from a {@code .txt} file, translate, check the 16 aligned rows and the 24 sentence
 * pairs, hover-highlighting, right-to-left Arabic, downloads (HTML, DOCX, both XLIFF versions and JSON,
 * each under its own name) read back from the browser's download folder, stacked columns on a phone-sized window, and a clean console (nothing
 * blocked by the CSP). Saves {@code target/newsroom-page.png} (with a highlighted pair) and
 * {@code target/newsroom-page-phone.png}. Skips when no browser is installed.
 */
class NewsroomPageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path ARTICLE = Path.of("src/test/resources/seed/000_3043c1e1a094a635.txt");
    static final Path SCREENSHOT = Path.of("target/newsroom-page.png");
    static final Path PHONE_SCREENSHOT = Path.of("target/newsroom-page-phone.png");

    private static ServeCommand.Server server;
    private static ChromeDriver driver;
    private static Path profile;
    private static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "); .ci/run installs them");
        long t0 = System.nanoTime();
        DjlRuntime.configure(1);
        // the model loads while the browser starts
        CompletableFuture<ServeCommand.Server> serving = CompletableFuture.supplyAsync(() ->
                ServeCommand.start(Golden.TINY_MODEL, "127.0.0.1", 0, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS));
        profile = Files.createTempDirectory("tarjama-chromium-");
        downloads = Files.createDirectories(Path.of("target", "browser-downloads")).toAbsolutePath();
        try (Stream<Path> old = Files.list(downloads)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1280,1800", "--lang=en-US", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            driver = new ChromeDriver(service, options);
        } finally {
            server = serving.join();
        }
        System.out.printf("browser test: serve and chromium started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static WebElement download(WebDriverWait wait, String format) {
        WebElement link = driver.findElement(By.cssSelector("a.download[data-format=" + format + "]"));
        link.click();
        wait.until(ExpectedConditions.attributeToBe(link, "data-state", "done"));
        assertTrue(link.getAttribute("href").startsWith("blob:"), link.getAttribute("href"));
        return link;
    }

    @Test
    void editorTranslatesTheExampleArticleAndDownloadsExports() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get("http://127.0.0.1:" + server.port() + "/");
        assertEquals("Tarjama: Arabic to English for the newsroom", driver.getTitle());

        // the editor picks the .txt file; the page reads it into the box
        driver.findElement(By.id("file")).sendKeys(ARTICLE.toAbsolutePath().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Loaded 000_3043c1e1a094a635.txt"));
        String article = Files.readString(ARTICLE);
        assertEquals(article.replace("\r\n", "\n"), js("return document.getElementById('source').value"));

        long t0 = System.nanoTime();
        driver.findElement(By.id("translate")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#rows .row"), 16));
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Done."));
        assertFalse(driver.findElement(By.id("error")).isDisplayed());
        System.out.printf("browser test: translate and render %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        List<String> english = texts("#rows .row .col.en span.s");
        List<String> arabic = texts("#rows .row .col.ar span.s");
        assertEquals(SeedArticleApiTest.expectedTranslations(), english);
        assertEquals(SeedArticleApiTest.trainAr(), arabic);
        WebElement arColumn = driver.findElement(By.cssSelector("#rows .row .col.ar"));
        WebElement enColumn = driver.findElement(By.cssSelector("#rows .row .col.en"));
        assertEquals("rtl", arColumn.getCssValue("direction"));
        assertEquals("ltr", enColumn.getCssValue("direction"));
        assertEquals("right", arColumn.getCssValue("text-align"));
        assertTrue(arColumn.getRect().getY() == enColumn.getRect().getY(), "columns are side by side");

        // hovering an English sentence highlights it and its Arabic source, and nothing else
        WebElement en = driver.findElement(By.cssSelector("#rows .col.en span.s[data-p='2'][data-s='1']"));
        new Actions(driver).moveToElement(en).perform();
        WebElement ar = driver.findElement(By.cssSelector("#rows .col.ar span.s[data-p='2'][data-s='1']"));
        wait.until(ExpectedConditions.attributeContains(ar, "class", "hl"));
        assertEquals(List.of(ar.getText(), en.getText()), texts("#rows span.s.hl"));
        Files.write(SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));
        new Actions(driver).moveToElement(driver.findElement(By.cssSelector("h1"))).perform();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#rows span.s.hl"), 0));

        download(wait, "html");
        download(wait, "docx");
        // the browser saved both files under the names the server gave (a slug of the English title)
        Path savedHtml = downloads.resolve(Exporters.filename(english.get(0), ExportFormat.HTML));
        Path savedDocx = downloads.resolve(Exporters.filename(english.get(0), ExportFormat.DOCX));
        wait.until(d -> Files.exists(savedHtml) && Files.exists(savedDocx));
        String html = Files.readString(savedHtml);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertEquals(english, Jsoup.parse(html).select(".pair .en").eachText());
        try (XWPFDocument docx = new XWPFDocument(Files.newInputStream(savedDocx))) {
            String table = docx.getTables().get(0).getText();
            assertTrue(table.contains(english.get(23)) && table.contains(arabic.get(23)), table);
        }

        // XLIFF 2.1 and 1.2 save side by side under distinct names; JSON under the same slug as the others
        download(wait, "xliff");
        download(wait, "xliff12");
        download(wait, "json");
        Path savedXliff = downloads.resolve(Exporters.filename(english.get(0), ExportFormat.XLIFF));
        Path savedXliff12 = downloads.resolve(Exporters.filename(english.get(0), ExportFormat.XLIFF12));
        Path savedJson = downloads.resolve(Exporters.slug(english.get(0)) + ".json");
        wait.until(d -> Files.exists(savedXliff) && Files.exists(savedXliff12) && Files.exists(savedJson));
        assertTrue(Files.readString(savedXliff).contains("version=\"2.1\""));
        assertTrue(Files.readString(savedXliff12).contains("version=\"1.2\""));
        assertEquals(english.get(0), com.google.gson.JsonParser.parseString(Files.readString(savedJson)).getAsJsonObject()
                .getAsJsonArray("paragraphs").get(0).getAsJsonObject().get("translation").getAsString());
        try (Stream<Path> saved = Files.list(downloads)) {
            // the upload test shares the download folder: count only the export downloads, by their names
            java.util.Set<Path> exports = java.util.Set.of(savedHtml, savedDocx, savedXliff, savedXliff12, savedJson);
            assertEquals(5, exports.size(), "five downloads, five distinct names");
            assertEquals(java.util.Set.of(), saved.filter(p -> !p.toString().endsWith(".crdownload"))
                    .filter(p -> !p.getFileName().toString().contains(".en."))
                    .filter(p -> !exports.contains(p)).collect(java.util.stream.Collectors.toSet()),
                    "no download besides the five exports");
        }

        // on a phone the columns stack: Arabic above English in each row
        driver.manage().window().setSize(new Dimension(390, 1200));
        wait.until(d -> arColumn.getRect().getY() + arColumn.getRect().getHeight() <= enColumn.getRect().getY());
        assertEquals("rtl", arColumn.getCssValue("direction"));
        js("document.querySelector('#rows').scrollIntoView()");
        Files.write(PHONE_SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));

        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("favicon.ico"))
                .toList();
        assertEquals(List.of(), problems, "browser console");
    }

    @Test
    void editorUploadsAnHtmlPageAndAWordFileAndDownloadsThemTranslated() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get("http://127.0.0.1:" + server.port() + "/");
        Path dir = Files.createTempDirectory("tarjama-upload-");
        Path page = dir.resolve("story.html");
        Files.writeString(page, "<html lang=\"ar\" dir=\"rtl\"><body><h1>صباح الخير</h1>"
                + "<p>قال <a href=\"https://example.com/lavrov\">لافروف</a> إن المحادثات كانت بناءة.</p></body></html>");
        driver.findElement(By.id("file")).sendKeys(page.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Loaded story.html (HTML page)"));
        driver.findElement(By.id("translate")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Done: download the translated file."));
        WebElement file = driver.findElement(By.id("translated-file"));
        assertTrue(file.isDisplayed());
        file.click();
        Path savedPage = downloads.resolve("story.en.html");
        wait.until(d -> Files.exists(savedPage));
        org.jsoup.nodes.Document translated = Jsoup.parse(Files.readString(savedPage));
        assertEquals("en", translated.selectFirst("html").attr("lang"));
        assertEquals("Good morning", translated.selectFirst("h1").text());
        assertEquals("https://example.com/lavrov", translated.selectFirst("p a").attr("href"));
        assertEquals("Lavrov said the talks were constructive.", translated.selectFirst("p").text());

        Path word = dir.resolve("wire.docx");
        try (XWPFDocument d = new XWPFDocument(); var out = Files.newOutputStream(word)) {
            d.createParagraph().createRun().setText("شكراً لكم.");
            d.write(out);
        }
        driver.findElement(By.id("file")).sendKeys(word.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Loaded wire.docx (Word file)"));
        driver.findElement(By.id("translate")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Done: download the translated file."));
        driver.findElement(By.id("translated-file")).click();
        Path savedWord = downloads.resolve("wire.en.docx");
        wait.until(d -> savedWord.toFile().length() > 0);
        try (XWPFDocument docx = new XWPFDocument(Files.newInputStream(savedWord))) {
            assertEquals("Thank you.", docx.getParagraphs().get(0).getText());
        }
    }

    private static List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
