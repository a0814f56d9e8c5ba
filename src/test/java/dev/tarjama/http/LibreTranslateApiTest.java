package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tarjama.translation.FakeEngine;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LibreTranslateApiTest {
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

    static String ltError(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject body = TestServer.json(r);
        assertEquals(List.of("error"), List.copyOf(body.keySet()));
        return body.get("error").getAsString();
    }

    @Test
    void jsonStringQueryGetsAStringWithTheLayoutKept() throws Exception {
        HttpResponse<String> r = server.postJson("/translate",
                "{\"q\": \"مرحبا بكم.\\n\\nشكرا.\", \"source\": \"ar\", \"target\": \"en\", \"format\": \"text\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = TestServer.json(r);
        assertEquals(List.of("translatedText"), List.copyOf(body.keySet()));
        assertEquals(FakeEngine.expected("مرحبا بكم.") + "\n\n" + FakeEngine.expected("شكرا."),
                body.get("translatedText").getAsString());
    }

    @Test
    void jsonArrayQueryWithAutoGetsAnArrayAndDetectedLanguages() throws Exception {
        HttpResponse<String> r = server.postJson("/translate",
                "{\"q\": [\"أولا.\", \"ثانيا.\"], \"source\": \"auto\", \"target\": \"en\", \"api_key\": \"x\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = TestServer.json(r);
        JsonArray texts = body.getAsJsonArray("translatedText");
        assertEquals(FakeEngine.expected("أولا."), texts.get(0).getAsString());
        assertEquals(FakeEngine.expected("ثانيا."), texts.get(1).getAsString());
        JsonObject detected = body.getAsJsonArray("detectedLanguage").get(1).getAsJsonObject();
        assertEquals("ar", detected.get("language").getAsString());
        double confidence = detected.get("confidence").getAsDouble();
        assertTrue(confidence > 0 && confidence <= 100, "confidence " + confidence);
    }

    @Test
    void autoReportsTheLanguageActuallyDetectedAndCopiesEnglishUnchanged() throws Exception {
        String english = "The talks will continue next week.";
        HttpResponse<String> r = server.postJson("/translate",
                "{\"q\": [\"قال الوزير إن المحادثات ستستمر.\", \"" + english + "\"], \"source\": \"auto\", \"target\": \"en\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = TestServer.json(r);
        assertEquals("ar", body.getAsJsonArray("detectedLanguage").get(0).getAsJsonObject().get("language").getAsString());
        assertEquals("en", body.getAsJsonArray("detectedLanguage").get(1).getAsJsonObject().get("language").getAsString());
        assertEquals(english, body.getAsJsonArray("translatedText").get(1).getAsString());
    }

    @Test
    void detectAnswersCandidatesMostLikelyFirstLikeLibreTranslate() throws Exception {
        HttpResponse<String> r = server.postJson("/detect",
                "{\"q\": \"رئیس جمهور گفت که گفتگوها هفته آینده ادامه پیدا می‌کند.\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonArray candidates = com.google.gson.JsonParser.parseString(r.body()).getAsJsonArray();
        JsonObject best = candidates.get(0).getAsJsonObject();
        assertEquals("fa", best.get("language").getAsString());
        assertEquals(List.of("confidence", "language"), List.copyOf(best.keySet()));
        double previous = 101;
        for (int i = 0; i < candidates.size(); i++) {
            double c = candidates.get(i).getAsJsonObject().get("confidence").getAsDouble();
            assertTrue(c <= previous && c > 0, "confidences in order: " + r.body());
            previous = c;
        }
        String form = "q=" + URLEncoder.encode("Bonjour à tous, la réunion commence.", StandardCharsets.UTF_8);
        HttpResponse<String> f = server.post("/detect", "application/x-www-form-urlencoded", form);
        assertEquals(200, f.statusCode(), f.body());
        assertEquals("fr", com.google.gson.JsonParser.parseString(f.body()).getAsJsonArray().get(0)
                .getAsJsonObject().get("language").getAsString());
        assertTrue(ltError(server.postJson("/detect", "{\"text\": \"x\"}"), 400).contains("q"));
    }

    @Test
    void languagesListsArabicToEnglish() throws Exception {
        HttpResponse<String> r = server.get("/languages");
        assertEquals(200, r.statusCode());
        JsonObject ar = com.google.gson.JsonParser.parseString(r.body()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("ar", ar.get("code").getAsString());
        assertEquals("en", ar.getAsJsonArray("targets").get(0).getAsString());
        JsonObject en = com.google.gson.JsonParser.parseString(r.body()).getAsJsonArray().get(1).getAsJsonObject();
        assertEquals("en", en.get("code").getAsString(), "the target is listed too, as LibreTranslate does");
        assertEquals(0, en.getAsJsonArray("targets").size(), "nothing is translated from English");
    }

    @Test
    void formBodyIsAccepted() throws Exception {
        String form = "q=" + URLEncoder.encode("صباح الخير.", StandardCharsets.UTF_8) + "&source=auto&target=en&format=text";
        HttpResponse<String> r = server.post("/translate", "application/x-www-form-urlencoded", form);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = TestServer.json(r);
        assertEquals(FakeEngine.expected("صباح الخير."), body.get("translatedText").getAsString());
        assertEquals("ar", body.getAsJsonObject("detectedLanguage").get("language").getAsString());
    }

    @Test
    void htmlFormatTranslatesTheTextAndKeepsTheMarkup() throws Exception {
        HttpResponse<String> r = server.postJson("/translate",
                "{\"q\": \"<p class=\\\"x\\\">مرحبا <b>بكم</b>.</p>\", \"source\": \"ar\", \"target\": \"en\", \"format\": \"html\"}");
        assertEquals(200, r.statusCode(), r.body());
        String html = TestServer.json(r).get("translatedText").getAsString();
        org.jsoup.nodes.Element p = org.jsoup.Jsoup.parse(html).selectFirst("p.x");
        assertEquals(FakeEngine.expected("مرحبا بكم."), p.text());
        assertEquals("بكم", p.selectFirst("b").text());
    }

    @Test
    void unsupportedLanguagesAndMissingFieldsAre400() throws Exception {
        assertTrue(ltError(server.postJson("/translate", "{\"q\": \"x\", \"source\": \"fr\", \"target\": \"en\"}"), 400).contains("source"));
        assertTrue(ltError(server.postJson("/translate", "{\"q\": \"x\", \"source\": \"ar\", \"target\": \"de\"}"), 400).contains("target"));
        assertTrue(ltError(server.postJson("/translate", "{\"source\": \"ar\", \"target\": \"en\"}"), 400).contains("q"));
        assertTrue(ltError(server.post("/translate", "application/x-www-form-urlencoded", "source=ar&target=en"), 400).contains("q"));
        assertTrue(ltError(server.postJson("/translate", "{\"q\": 5, \"source\": \"ar\", \"target\": \"en\"}"), 400).contains("q"));
    }

    @Test
    void malformedBodiesAre400InLibreTranslateShape() throws Exception {
        ltError(server.postJson("/translate", "{\"q\": "), 400);
        ltError(server.post("/translate", "text/xml", "<q/>"), 400);
        ltError(server.post("/translate", "application/x-www-form-urlencoded", "q=%D8&source=ar&target=en"), 400);
        assertEquals(0, engine.batches().size());
    }
}
