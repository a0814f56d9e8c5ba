package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tarjama.text.SourceNormalizer;
import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TranslateApiTest {
    static final String ARTICLE = "قال الوزير إن الاقتصاد ينمو. وأضاف أن التضخم تراجع.\n\n"
            + "عنوان بدون نقطة\n«هذا اقتباس» قال المتحدث!";

    private final FakeEngine engine = new FakeEngine();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String body(String text) {
        return new com.google.gson.Gson().toJson(Map.of("text", text));
    }

    /** Checks the exact response shape and that every offset slices {@code text}. Returns the sentence count. */
    static int assertAligned(String text, JsonObject doc) {
        assertEquals(List.of("model", "paragraphs", "stats", "consistency"), List.copyOf(doc.keySet()));
        assertTrue(doc.get("consistency").isJsonArray());
        assertEquals(List.of("id", "revision"), List.copyOf(doc.getAsJsonObject("model").keySet()));
        assertEquals(List.of("sentences", "cached", "elapsedMs"), List.copyOf(doc.getAsJsonObject("stats").keySet()));
        int sentences = 0;
        for (JsonElement pe : doc.getAsJsonArray("paragraphs")) {
            JsonObject p = pe.getAsJsonObject();
            assertEquals(List.of("index", "start", "end", "source", "translation", "sentences", "sourceLanguage"),
                    List.copyOf(p.keySet()));
            assertEquals(text.substring(p.get("start").getAsInt(), p.get("end").getAsInt()), p.get("source").getAsString());
            List<String> parts = new ArrayList<>();
            for (JsonElement se : p.getAsJsonArray("sentences")) {
                JsonObject s = se.getAsJsonObject();
                assertEquals(List.of("index", "start", "end", "source", "translation", "score", "cached", "split", "passthrough",
                        "review"),
                        List.copyOf(s.keySet()));
                assertEquals(List.of("needed", "reasons"), List.copyOf(s.getAsJsonObject("review").keySet()));
                String source = text.substring(s.get("start").getAsInt(), s.get("end").getAsInt());
                assertEquals(source, s.get("source").getAsString());
                assertEquals(FakeEngine.expected(SourceNormalizer.normalize(source)), s.get("translation").getAsString());
                parts.add(s.get("translation").getAsString());
                sentences++;
            }
            assertEquals(String.join(" ", parts), p.get("translation").getAsString());
        }
        assertEquals(sentences, doc.getAsJsonObject("stats").get("sentences").getAsInt());
        return sentences;
    }

    /** The response without the fields that may differ between identical requests. */
    static JsonObject deterministicPart(JsonObject doc) {
        JsonObject copy = doc.deepCopy();
        copy.getAsJsonObject("stats").remove("elapsedMs");
        copy.getAsJsonObject("stats").remove("cached");
        for (JsonElement p : copy.getAsJsonArray("paragraphs")) {
            for (JsonElement s : p.getAsJsonObject().getAsJsonArray("sentences")) {
                s.getAsJsonObject().remove("cached");
            }
        }
        return copy;
    }

    @Test
    void jsonArticleIsAlignedParagraphBySentenceWithExactOffsets() throws Exception {
        server = TestServer.start(engine);
        HttpResponse<String> r = server.postJson("/v1/translate", body(ARTICLE));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject doc = TestServer.json(r);
        assertEquals(3, doc.getAsJsonArray("paragraphs").size());
        assertEquals(4, assertAligned(ARTICLE, doc));
        assertEquals("fake-ar-en", doc.getAsJsonObject("model").get("id").getAsString());
        assertEquals("rev-1", doc.getAsJsonObject("model").get("revision").getAsString());
    }

    @Test
    void crlfArticleGivesTheSameTranslationsWithOffsetsIntoTheCrlfText() throws Exception {
        server = TestServer.start(engine);
        String crlf = ARTICLE.replace("\n", "\r\n");
        JsonObject lf = TestServer.json(server.postJson("/v1/translate", body(ARTICLE)));
        JsonObject cr = TestServer.json(server.postJson("/v1/translate", body(crlf)));
        assertEquals(4, assertAligned(crlf, cr));
        for (int i = 0; i < 3; i++) {
            assertEquals(lf.getAsJsonArray("paragraphs").get(i).getAsJsonObject().get("translation"),
                    cr.getAsJsonArray("paragraphs").get(i).getAsJsonObject().get("translation"));
        }
    }

    @Test
    void batchOfTextsReturnsResultsInOrder() throws Exception {
        server = TestServer.start(engine);
        List<String> texts = List.of("الخبر الأول.", "", ARTICLE, "الخبر الأول.");
        HttpResponse<String> r = server.postJson("/v1/translate", new com.google.gson.Gson().toJson(Map.of("texts", texts)));
        assertEquals(200, r.statusCode());
        JsonArray results = TestServer.json(r).getAsJsonArray("results");
        assertEquals(4, results.size());
        for (int i = 0; i < texts.size(); i++) {
            assertAligned(texts.get(i), results.get(i).getAsJsonObject());
        }
        assertEquals(0, results.get(1).getAsJsonObject().getAsJsonArray("paragraphs").size());
        assertEquals(5, engine.translatedSentences(), "the repeated article is translated once");
        HttpResponse<String> empty = server.postJson("/v1/translate", "{\"texts\": []}");
        assertEquals(200, empty.statusCode());
        assertEquals("{\"results\":[]}", empty.body());
    }

    @Test
    void plainTextBodyIsTheArticleWithOptionsInTheQuery() throws Exception {
        server = TestServer.start(engine);
        HttpResponse<String> r = server.post("/v1/translate?beams=2&maxLength=100", "text/plain; charset=utf-8", ARTICLE);
        assertEquals(200, r.statusCode());
        assertEquals(4, assertAligned(ARTICLE, TestServer.json(r)));
        assertEquals(List.of(new DecodeOptions(2, 100)), engine.batchOptions().stream().distinct().toList());
    }

    @Test
    void repeatedRequestIsServedFromCacheWithIdenticalOutput() throws Exception {
        server = TestServer.start(engine);
        JsonObject first = TestServer.json(server.postJson("/v1/translate", body(ARTICLE)));
        int translated = engine.translatedSentences();
        JsonObject second = TestServer.json(server.postJson("/v1/translate", body(ARTICLE)));
        assertEquals(translated, engine.translatedSentences());
        assertEquals(4, second.getAsJsonObject("stats").get("cached").getAsInt());
        for (JsonElement p : second.getAsJsonArray("paragraphs")) {
            for (JsonElement s : p.getAsJsonObject().getAsJsonArray("sentences")) {
                assertTrue(s.getAsJsonObject().get("cached").getAsBoolean());
            }
        }
        assertEquals(deterministicPart(first).toString(), deterministicPart(second).toString());
    }

    @Test
    void identicalSentencesInOneRequestAreTranslatedOnce() throws Exception {
        server = TestServer.start(engine);
        String text = "تكرار الجملة.\nتكرار الجملة.\nتكرار الجملة.";
        JsonObject doc = TestServer.json(server.postJson("/v1/translate", body(text)));
        assertEquals(3, assertAligned(text, doc));
        assertEquals(1, engine.translatedSentences());
    }

    @Test
    void longSentencesAreSplitAndMarked() throws Exception {
        server = TestServer.start(engine, ServiceConfig.DEFAULTS.withTokenBudget(3), HttpConfig.DEFAULTS, () -> true);
        String text = "واحد اثنان ثلاثة أربعة خمسة ستة سبعة.\nقصيرة.";
        JsonObject doc = TestServer.json(server.postJson("/v1/translate", body(text)));
        JsonArray ps = doc.getAsJsonArray("paragraphs");
        JsonObject longOne = ps.get(0).getAsJsonObject().getAsJsonArray("sentences").get(0).getAsJsonObject();
        JsonObject shortOne = ps.get(1).getAsJsonObject().getAsJsonArray("sentences").get(0).getAsJsonObject();
        assertTrue(longOne.get("split").getAsBoolean());
        assertFalse(shortOne.get("split").getAsBoolean());
        assertEquals(text.substring(0, text.indexOf('\n')), longOne.get("source").getAsString());
        assertTrue(longOne.get("translation").getAsString().startsWith("EN(واحد"));
        assertTrue(engine.batches().stream().flatMap(List::stream).allMatch(s -> engine.tokenCount(s) <= 3));
    }

    @Test
    void healthModelAndReadinessRoutes() throws Exception {
        server = TestServer.start(engine);
        assertEquals(200, server.get("/v1/health/live").statusCode());
        assertEquals(200, server.get("/v1/health/ready").statusCode());
        HttpResponse<String> model = server.get("/v1/model");
        assertEquals(200, model.statusCode());
        assertEquals("rev-1", TestServer.json(model).get("revision").getAsString());
    }

    @Test
    void concurrentClientsAllGetCorrectAlignedAnswers() throws Exception {
        server = TestServer.start(engine, ServiceConfig.DEFAULTS.withWorkers(2), HttpConfig.DEFAULTS, () -> true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 6; t++) {
                for (int i = 0; i < 8; i++) {
                    String text = "الخبر رقم " + (i % 4) + ".\nالتعليق رقم " + t + ".";
                    futures.add(pool.submit(() -> {
                        HttpResponse<String> r = server.postJson("/v1/translate", body(text));
                        assertEquals(200, r.statusCode(), r.body());
                        return assertAligned(text, TestServer.json(r));
                    }));
                }
            }
            for (Future<Integer> f : futures) {
                assertEquals(2, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10, engine.translatedSentences());
    }
}
