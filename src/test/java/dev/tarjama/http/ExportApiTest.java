package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.export.ExportFormat;
import dev.tarjama.export.Exporters;
import dev.tarjama.text.SourceNormalizer;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/translate?format=…} / {@code Accept} and {@code POST /v1/export} over HTTP with the
 * fake engine:
 * content types, download names, negotiation and its 406/422 answers, and the round trip
 * translate → (edit) → export.
 */
class ExportApiTest {
    static final String ARTICLE = TranslateApiTest.ARTICLE;
    static final Pattern FILENAME = Pattern.compile("attachment; filename=\"[a-z0-9-]+\\.([a-z]+)\"");
    /** ISO instants (extended or basic) and the HTML export's shown date: what differs between two runs. */
    static final Pattern TIMES = Pattern.compile(
            "\\d{4}-?\\d{2}-?\\d{2}T\\d{2}:?\\d{2}:?\\d{2}(\\.\\d+)?Z|\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");

    private final FakeEngine engine = new FakeEngine();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer server() {
        if (server == null) {
            server = TestServer.start(engine, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS, () -> true);
        }
        return server;
    }

    /** A POST with an optional Accept header; the body comes back as bytes. */
    HttpResponse<byte[]> post(String path, String contentType, String accept, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server().base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return server().client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> translate(String query, String accept) throws Exception {
        return post("/v1/translate" + query, "application/json", accept, TranslateApiTest.body(ARTICLE));
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** A media type as compared here: Jetty drops the blank after {@code ;}, and case does not matter. */
    static String normalized(String contentType) {
        return contentType.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    static void assertError(HttpResponse<byte[]> r, int status, String code, String messagePart) {
        String body = text(r);
        assertEquals(status, r.statusCode(), body);
        assertTrue(header(r, "Content-Type").startsWith("application/json"), header(r, "Content-Type"));
        JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsString(), body);
        assertTrue(error.get("message").getAsString().contains(messagePart), body);
        assertFalse(body.contains("Exception") || body.contains("at dev."), body);
    }

    /** Asserts a successful export of {@code format} and returns it. */
    static HttpResponse<byte[]> assertExport(HttpResponse<byte[]> r, ExportFormat format) {
        assertEquals(200, r.statusCode(), () -> text(r));
        assertEquals(normalized(format.contentType()), normalized(header(r, "Content-Type")));
        var m = FILENAME.matcher(header(r, "Content-Disposition"));
        assertTrue(m.matches(), header(r, "Content-Disposition"));
        assertEquals(format.extension(), m.group(1));
        assertEquals("nosniff", header(r, "X-Content-Type-Options"));
        assertTrue(r.body().length > 0);
        return r;
    }

    /** What must be the same in two exports of the same document made at different times. */
    static String comparable(ExportFormat format, byte[] bytes) throws Exception {
        String content;
        if (format == ExportFormat.DOCX) {
            try (XWPFDocument d = new XWPFDocument(new ByteArrayInputStream(bytes));
                    XWPFWordExtractor x = new XWPFWordExtractor(d)) {
                content = x.getText();
            }
        } else {
            content = new String(bytes, StandardCharsets.UTF_8);
        }
        return TIMES.matcher(content).replaceAll("<time>");
    }

    @Test
    void formatParameterSelectsEachExportWithItsTypeAndFileName() throws Exception {
        String firstSentence = FakeEngine.expected(SourceNormalizer.normalize("قال الوزير إن الاقتصاد ينمو."));
        String title = JsonParser.parseString(text(translate("", null))).getAsJsonObject()
                .getAsJsonArray("paragraphs").get(0).getAsJsonObject().get("translation").getAsString();
        for (ExportFormat format : ExportFormat.values()) {
            HttpResponse<byte[]> r = assertExport(translate("?format=" + format.requestName(), null), format);
            assertEquals("attachment; filename=\"" + Exporters.filename(title, format) + "\"", header(r, "Content-Disposition"));
            if (format.isText()) {
                assertTrue(text(r).contains(firstSentence), format + " lacks the translation:\n" + text(r));
            } else {
                assertEquals('P', (char) r.body()[0]);
                assertEquals('K', (char) r.body()[1]);
                assertTrue(comparable(format, r.body()).contains(firstSentence));
            }
        }
    }

    @Test
    void htmlExportIsAnAlignedPageAndOthersAreCheckedByTheirParsers() throws Exception {
        String html = text(assertExport(translate("?format=HTML", null), ExportFormat.HTML));
        var page = Jsoup.parse(html);
        assertEquals(4, page.select(".pair").size());
        assertEquals("rtl", page.selectFirst(".pair .ar").attr("dir"));
        String csv = text(assertExport(translate("?format=csv", null), ExportFormat.CSV));
        assertEquals(5, csv.lines().count(), csv); // header + 4 sentences
    }

    @Test
    void acceptHeaderSelectsAnExportAndAnExplicitFormatWins() throws Exception {
        assertExport(translate("", "text/csv"), ExportFormat.CSV);
        assertExport(translate("", "application/xliff+xml"), ExportFormat.XLIFF);
        assertExport(translate("", "application/json;q=0.5, text/markdown"), ExportFormat.MD);
        assertExport(translate("?format=tmx", "text/csv"), ExportFormat.TMX);
        HttpResponse<byte[]> r = translate("", "text/tab-separated-values");
        assertExport(r, ExportFormat.TSV);
        assertEquals("Accept", header(r, "Vary"));
    }

    @Test
    void jsonStaysTheDefault() throws Exception {
        for (String accept : new String[] {null, "*/*", "application/json", "application/*", "text/csv;q=0.2, */*"}) {
            HttpResponse<byte[]> r = translate("", accept);
            assertEquals(200, r.statusCode(), text(r));
            assertEquals("application/json;charset=utf-8", normalized(header(r, "Content-Type")), String.valueOf(accept));
            assertEquals(null, header(r, "Content-Disposition"));
            TranslateApiTest.assertAligned(ARTICLE, JsonParser.parseString(text(r)).getAsJsonObject());
        }
        HttpResponse<byte[]> explicit = translate("?format=json", "text/csv");
        assertEquals("application/json;charset=utf-8", normalized(header(explicit, "Content-Type")));
    }

    @Test
    void unknownFormatIs422NamingFormatAndNothingIsTranslated() throws Exception {
        assertError(translate("?format=pdf", null), 422, "invalid_request", "format must be one of json, html, tmx");
        assertError(translate("?format=", null), 422, "invalid_request", "format");
        assertEquals(List.of(), engine.batches());
    }

    @Test
    void acceptThatNothingSatisfiesIs406InTheErrorShape() throws Exception {
        assertError(translate("", "image/png"), 406, "not_acceptable", "application/json");
        assertError(translate("", "text/plain"), 406, "not_acceptable", "?format=");
        assertError(translate("", "application/json;q=0, */*"), 406, "not_acceptable", "Accept");
        assertEquals(List.of(), engine.batches());
    }

    @Test
    void batchesAreJsonOnly() throws Exception {
        String batch = new Gson().toJson(Map.of("texts", List.of("مرحبا.", "شكرا.")));
        assertError(post("/v1/translate?format=html", "application/json", null, batch), 422, "invalid_request", "texts batch");
        assertError(post("/v1/translate", "application/json", "text/csv", batch), 406, "not_acceptable", "batch");
        HttpResponse<byte[]> r = post("/v1/translate", "application/json", "text/csv, application/json;q=0.5", batch);
        assertEquals(200, r.statusCode());
        assertEquals(2, JsonParser.parseString(text(r)).getAsJsonObject().getAsJsonArray("results").size());
    }

    @Test
    void explicitFormatWinsOverAStreamingAcceptAndStreamingStillWorks() throws Exception {
        assertExport(translate("?format=tsv", "application/x-ndjson"), ExportFormat.TSV);
        HttpResponse<byte[]> stream = translate("", "application/x-ndjson");
        assertEquals(200, stream.statusCode(), text(stream));
        assertTrue(header(stream, "Content-Type").startsWith("application/x-ndjson"), header(stream, "Content-Type"));
    }

    @Test
    void anArticleRevisionCanBeExported() throws Exception {
        String body = new Gson().toJson(Map.of("text", ARTICLE, "articleId", "story-1", "revision", "r1"));
        HttpResponse<byte[]> csv = post("/v1/translate?format=csv", "application/json", null, body);
        assertTrue(text(assertExport(csv, ExportFormat.CSV)).contains("EN("), text(csv));
    }

    @Test
    void plainTextArticleCanAskForAnExportToo() throws Exception {
        HttpResponse<byte[]> r = post("/v1/translate?format=md&beams=1", "text/plain; charset=utf-8", null, ARTICLE);
        assertTrue(text(assertExport(r, ExportFormat.MD)).startsWith("#"), text(r));
    }

    /** The article translated by a server of its own, so that nothing comes from an earlier request's cache. */
    static HttpResponse<byte[]> coldTranslate(String query) throws Exception {
        ExportApiTest fresh = new ExportApiTest();
        try {
            return fresh.translate(query, null);
        } finally {
            fresh.stop();
        }
    }

    @Test
    void exportOfTheTranslatedJsonEqualsTranslatingStraightIntoTheFormat() throws Exception {
        String doc = text(coldTranslate(""));
        for (ExportFormat format : ExportFormat.values()) {
            HttpResponse<byte[]> direct = assertExport(coldTranslate("?format=" + format.requestName()), format);
            HttpResponse<byte[]> exported = assertExport(
                    post("/v1/export?format=" + format.requestName(), "application/json", null, doc), format);
            assertEquals(header(direct, "Content-Disposition"), header(exported, "Content-Disposition"));
            assertEquals(comparable(format, direct.body()), comparable(format, exported.body()), format.toString());
        }
        post("/v1/export?format=html", "application/json", null, doc);
        assertEquals(List.of(), engine.batches(), "export must not translate");
    }

    @Test
    void jsonExportReturnsTheNormalizedDocument() throws Exception {
        String doc = text(translate("", null));
        HttpResponse<byte[]> same = post("/v1/export", "application/json", null, doc);
        assertEquals(200, same.statusCode(), text(same));
        JsonObject withoutReport = JsonParser.parseString(doc).getAsJsonObject();
        withoutReport.remove("consistency"); // a report on the translation request; export does not keep it
        assertEquals(withoutReport, JsonParser.parseString(text(same)));

        JsonObject edited = JsonParser.parseString(doc).getAsJsonObject();
        edited.remove("stats");
        JsonObject p0 = edited.getAsJsonArray("paragraphs").get(0).getAsJsonObject();
        p0.remove("translation");
        p0.getAsJsonArray("sentences").get(1).getAsJsonObject().addProperty("translation", "He added that inflation fell.");
        HttpResponse<byte[]> r = post("/v1/export?format=json", "application/json", null, edited.toString());
        assertEquals(200, r.statusCode(), text(r));
        JsonObject normalized = JsonParser.parseString(text(r)).getAsJsonObject();
        JsonObject n0 = normalized.getAsJsonArray("paragraphs").get(0).getAsJsonObject();
        assertTrue(n0.get("translation").getAsString().endsWith(" He added that inflation fell."), n0.toString());
        assertEquals(4, normalized.getAsJsonObject("stats").get("sentences").getAsInt());
        assertEquals(0, normalized.getAsJsonObject("stats").get("elapsedMs").getAsInt());
    }

    @Test
    void exportWorksWhileTheModelIsStillLoading() throws Exception {
        String doc = text(translate("", null));
        server.close();
        server = TestServer.start(engine, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS, () -> false);
        assertExport(post("/v1/export?format=tsv", "application/json", null, doc), ExportFormat.TSV);
    }

    @Test
    void exportNegotiatesLikeTranslate() throws Exception {
        String doc = text(translate("", null));
        assertExport(post("/v1/export", "application/json", "text/csv", doc), ExportFormat.CSV);
        assertError(post("/v1/export?format=rtf", "application/json", null, doc), 422, "invalid_request", "format");
        assertError(post("/v1/export", "application/json", "image/png", doc), 406, "not_acceptable", "Accept");
        assertError(post("/v1/export?format=html", "text/plain", null, doc), 415, "unsupported_media_type", "application/json");
    }

    @Test
    void exportBodyLimitAndBrokenJsonAreClearErrors() throws Exception {
        String doc = text(translate("", null));
        assertError(post("/v1/export?format=html", "application/json", null, "{\"model\":"), 400, "invalid_json", "JSON");
        assertError(post("/v1/export?format=html", "application/json", null, "[".repeat(200_000) + "]".repeat(200_000)),
                400, "invalid_json", "JSON");
        assertError(post("/v1/export?format=html", "application/json", null, "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)),
                400, "invalid_json", "JSON");
        assertError(post("/v1/export?format=html", "application/json", null, ""), 400, "invalid_json", "empty");
        server.close();
        server = TestServer.start(engine, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS.withBodyLimitBytes(512), () -> true);
        assertError(post("/v1/export?format=html", "application/json", null, doc), 413, "payload_too_large", "512");
    }

    @Test
    void translationsWithMarkupAreEscapedInEveryTextExport() throws Exception {
        JsonObject doc = JsonParser.parseString(text(translate("", null))).getAsJsonObject();
        String hostile = "<script>alert('x')</script> ]]> \"quoted\",\ttab\nline \u0001 & done";
        JsonObject p0 = doc.getAsJsonArray("paragraphs").get(0).getAsJsonObject();
        p0.remove("translation");
        p0.getAsJsonArray("sentences").get(0).getAsJsonObject().addProperty("translation", hostile);
        HttpResponse<byte[]> r = post("/v1/export?format=html", "application/json", null, doc.toString());
        String html = text(assertExport(r, ExportFormat.HTML));
        assertEquals("sandbox", header(r, "Content-Security-Policy"));
        var page = Jsoup.parse(html);
        assertTrue(page.select("script").isEmpty(), html);
        assertTrue(page.select(".pair .en").get(0).text().startsWith("<script>alert('x')</script> ]]>"));
        for (ExportFormat xml : List.of(ExportFormat.TMX, ExportFormat.XLIFF, ExportFormat.XLIFF12)) {
            byte[] body = assertExport(post("/v1/export?format=" + xml.requestName(), "application/json", null, doc.toString()), xml).body();
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            String all = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement().getTextContent();
            assertTrue(all.contains("<script>alert('x')</script> ]]>"), xml.toString());
        }
        assertArrayEquals("PK".getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOf(post("/v1/export?format=docx", "application/json", null, doc.toString()).body(), 2));
    }
}
