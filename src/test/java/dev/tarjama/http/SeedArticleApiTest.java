package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.testutil.Golden;
import dev.tarjama.translation.MarianEngine;
import dev.tarjama.translation.MarianTranslator;
import dev.tarjama.translation.TranslationEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example article end to end over HTTP with the real engine on the tiny model: 16 paragraphs,
 * 24 sentences that are {@code parallel/train.ar} lines 1–24 translated into {@code train.en} lines
 * 1–24, offsets that slice the submitted text, LF and CRLF, and a cached repeat with identical output.
 */
class SeedArticleApiTest {
    private static MarianTranslator translator;

    @BeforeAll
    static void loadModel() {
        DjlRuntime.configure(1);
        translator = MarianTranslator.load(ModelDirectory.open(Golden.TINY_MODEL));
    }

    @AfterAll
    static void closeModel() {
        translator.close();
    }

    static TranslationEngine engine() {
        return new MarianEngine(translator);
    }

    static List<String> expectedTranslations() throws IOException {
        return resource("/parallel/train.en").lines().limit(24).toList();
    }

    static String resource(String path) throws IOException {
        try (InputStream in = SeedArticleApiTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> trainAr() throws IOException {
        return resource("/parallel/train.ar").lines().limit(24).toList();
    }

    /** Posts {@code text} and checks paragraphs, sentences, offsets and translations; returns the response. */
    static JsonObject assertSeedArticle(TestServer server, String text, List<String> expected) throws Exception {
        HttpResponse<String> r = server.postJson("/v1/translate", new Gson().toJson(Map.of("text", text)));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject doc = TestServer.json(r);
        assertEquals(16, doc.getAsJsonArray("paragraphs").size());
        List<String> sources = new ArrayList<>();
        List<String> translations = new ArrayList<>();
        for (JsonElement pe : doc.getAsJsonArray("paragraphs")) {
            JsonObject p = pe.getAsJsonObject();
            assertEquals(text.substring(p.get("start").getAsInt(), p.get("end").getAsInt()), p.get("source").getAsString());
            for (JsonElement se : p.getAsJsonArray("sentences")) {
                JsonObject s = se.getAsJsonObject();
                assertEquals(text.substring(s.get("start").getAsInt(), s.get("end").getAsInt()), s.get("source").getAsString());
                sources.add(s.get("source").getAsString());
                translations.add(s.get("translation").getAsString());
            }
        }
        assertEquals(trainAr(), sources);
        assertEquals(expected, translations);
        assertEquals(24, doc.getAsJsonObject("stats").get("sentences").getAsInt());
        return doc;
    }

    @Test
    void exampleArticleIsAlignedSentenceBySentence() throws Exception {
        String article = resource("/seed/000_3043c1e1a094a635.txt");
        try (TestServer server = TestServer.start(engine())) {
            long t0 = System.nanoTime();
            JsonObject cold = assertSeedArticle(server, article, expectedTranslations());
            long t1 = System.nanoTime();
            JsonObject warm = assertSeedArticle(server, article, expectedTranslations());
            long t2 = System.nanoTime();
            System.out.printf("example article over HTTP (tiny model): cold %d ms, cached %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            assertEquals(0, cold.getAsJsonObject("stats").get("cached").getAsInt());
            assertEquals(24, warm.getAsJsonObject("stats").get("cached").getAsInt());
            assertEquals(TranslateApiTest.deterministicPart(cold).toString(), TranslateApiTest.deterministicPart(warm).toString());
        }
    }

    @Test
    void exampleArticleWithCrlfLineEnds() throws Exception {
        String article = resource("/seed/000_3043c1e1a094a635.txt").replace("\r\n", "\n").replace("\n", "\r\n");
        assertTrue(article.contains("\r\n"));
        try (TestServer server = TestServer.start(engine())) {
            assertSeedArticle(server, article, expectedTranslations());
        }
    }
}
