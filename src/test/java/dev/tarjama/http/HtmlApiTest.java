package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tarjama.translation.FakeEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HtmlApiTest {
    private static final String ARTICLE = "<article lang=\"ar\" dir=\"rtl\"><h1>قال الوزير</h1>"
            + "<p>وأضاف أن <a href=\"/x\">التضخم</a> تراجع.</p></article>";
    private final FakeEngine engine = new FakeEngine();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(engine);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anHtmlBodyGetsTranslatedHtmlBack() throws Exception {
        HttpResponse<String> r = server.post("/v1/translate?beams=1", "text/html; charset=utf-8", ARTICLE);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        Document out = Jsoup.parse(r.body());
        assertEquals(FakeEngine.expected("قال الوزير"), out.selectFirst("article > h1").text());
        assertEquals("التضخم", out.selectFirst("p > a[href=/x]").text());
        assertEquals("en", out.selectFirst("article").attr("lang"));
        assertEquals("ltr", out.selectFirst("article").attr("dir"));
    }

    @Test
    void jsonModeReturnsTheHtmlAndTheAlignedDocumentWithElementPaths() throws Exception {
        JsonObject body = new JsonObject();
        body.addProperty("html", ARTICLE);
        body.addProperty("beams", 1);
        HttpResponse<String> r = server.postJson("/v1/translate", body.toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject doc = TestServer.json(r);
        assertTrue(doc.get("html").getAsString().contains("<a href=\"/x\">"));
        assertEquals("قال الوزير\nوأضاف أن التضخم تراجع.", doc.get("text").getAsString());
        JsonObject p = doc.getAsJsonArray("paragraphs").get(1).getAsJsonObject();
        assertEquals("html > body > article > p", p.get("path").getAsString());
        assertEquals(FakeEngine.expected("وأضاف أن التضخم تراجع."), p.get("translation").getAsString());
        assertTrue(doc.has("model") && doc.has("stats"));

        HttpRequest accept = HttpRequest.newBuilder(URI.create(server.base + "/v1/translate"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/html").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ARTICLE, StandardCharsets.UTF_8)).build();
        HttpResponse<String> viaAccept = HttpClient.newHttpClient().send(accept, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, viaAccept.statusCode(), viaAccept.body());
        assertEquals("html > body > article > h1",
                TestServer.json(viaAccept).getAsJsonArray("paragraphs").get(0).getAsJsonObject().get("path").getAsString());
    }

    @Test
    void htmlWithTextOrUnknownFieldsIsRefused() throws Exception {
        HttpResponse<String> r = server.postJson("/v1/translate", "{\"html\": \"<p>نص</p>\", \"glossary\": \"x\"}");
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("glossary"));
        HttpResponse<String> notString = server.postJson("/v1/translate", "{\"html\": 3}");
        assertEquals(422, notString.statusCode(), notString.body());
    }

    @Test
    void aDocxBodyGetsATranslatedDocxBackOrTheSideBySideExport() throws Exception {
        byte[] docx;
        try (var d = new org.apache.poi.xwpf.usermodel.XWPFDocument(); var out = new java.io.ByteArrayOutputStream()) {
            d.createParagraph().createRun().setText("قال الوزير إن المحادثات ستستمر.");
            d.write(out);
            docx = out.toByteArray();
        }
        String type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base + "/v1/translate?beams=1"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(docx)).build();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(type, r.headers().firstValue("Content-Type").orElse(""));
        try (var d = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(r.body()))) {
            assertEquals(FakeEngine.expected("قال الوزير إن المحادثات ستستمر."), d.getParagraphs().get(0).getText());
        }
        HttpResponse<String> export = server.post("/v1/translate?beams=1&format=html", type, docx);
        assertEquals(200, export.statusCode(), export.body());
        assertTrue(export.body().contains(FakeEngine.expected("قال الوزير إن المحادثات ستستمر.")));
        HttpResponse<String> broken = server.post("/v1/translate", type, "not a zip".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, broken.statusCode(), broken.body());
    }
}
