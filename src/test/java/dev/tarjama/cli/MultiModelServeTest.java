package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.bench.BenchModel;
import dev.tarjama.bench.BenchShape;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.testutil.Golden;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two models served at once: the tiny model as {@code fast} and a wider random-weight model as
 * {@code best}, each with its own service; requests choose by id or model type.
 */
class MultiModelServeTest {
    /** Wider than the tiny model (d 256 vs 128), so it is the quality_optimized one by size. */
    static final BenchShape WIDE = new BenchShape("test-wide", 1000, 256, 2, 4, 512, "relu", 512, 500);

    @TempDir
    static Path tmp;
    static ServeCommand.Server server;
    static String base;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        DjlRuntime.configure(1);
        Path wide = BenchModel.ensure(tmp.resolve("models"), Golden.TINY_MODEL, 5, WIDE);
        String[] argv = {"serve", "--models", "fast=" + Golden.TINY_MODEL + ",best=" + wide + ":workers=2",
            "--port", "0", "--glossary-dir", tmp.resolve("glossaries").toString()};
        server = ServeCommand.start(ServeOptions.parse(argv, Map.of()), ModelSet.parse(argv, Map.of()));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonObject translate(String json) throws Exception {
        HttpResponse<String> r = send("POST", "/v1/translate", "application/json", json);
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    static String modelOf(JsonObject doc) {
        return doc.getAsJsonObject("model").get("id").getAsString();
    }

    static String quoted(String s) {
        return new com.google.gson.Gson().toJson(s);
    }

    @Test
    void modelsListsBothWithRevisionsTypesAndTheDefault() throws Exception {
        HttpResponse<String> r = send("GET", "/v1/models", null, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = JsonParser.parseString(r.body()).getAsJsonObject();
        assertEquals("fast", body.get("default").getAsString());
        assertEquals("best", body.getAsJsonObject("modelTypes").get("quality_optimized").getAsString());
        assertEquals("fast", body.getAsJsonObject("modelTypes").get("latency_optimized").getAsString());
        JsonArray models = body.getAsJsonArray("models");
        assertEquals(2, models.size());
        JsonObject fast = models.get(0).getAsJsonObject();
        JsonObject best = models.get(1).getAsJsonObject();
        assertEquals("fast", fast.get("id").getAsString());
        assertEquals("best", best.get("id").getAsString());
        assertTrue(fast.get("default").getAsBoolean() && !best.get("default").getAsBoolean());
        assertEquals(256, best.getAsJsonObject("config").get("dModel").getAsInt());
        assertEquals("relu", best.getAsJsonObject("config").get("activation").getAsString());
        assertNotEquals(fast.get("revision").getAsString(), best.get("revision").getAsString());
        assertTrue(!r.body().contains(tmp.toString()), "no absolute paths: " + r.body());
        JsonObject single = JsonParser.parseString(send("GET", "/v1/model", null, null).body()).getAsJsonObject();
        assertEquals("fast", single.get("id").getAsString(), "GET /v1/model describes the default model");
    }

    @Test
    void eachRequestIsTranslatedByTheModelItChose() throws Exception {
        String sentence = Golden.lines("parallel/train.ar").get(30);
        String english = Golden.lines("parallel/train.en").get(30);
        JsonObject byDefault = translate("{\"text\":" + quoted(sentence) + "}");
        assertEquals("fast", modelOf(byDefault));
        assertEquals(english, byDefault.getAsJsonArray("paragraphs").get(0).getAsJsonObject().get("translation").getAsString());
        JsonObject best = translate("{\"text\":" + quoted(sentence) + ",\"model\":\"best\",\"maxLength\":12}");
        assertEquals("best", modelOf(best));
        assertNotEquals(english, best.getAsJsonArray("paragraphs").get(0).getAsJsonObject().get("translation").getAsString(),
                "the random-weight model does not know the training sentences");
        assertEquals("best", modelOf(translate("{\"text\":" + quoted(sentence)
                + ",\"modelType\":\"quality_optimized\",\"maxLength\":12}")));
        assertEquals("fast", modelOf(translate("{\"text\":" + quoted(sentence) + ",\"modelType\":\"latency_optimized\"}")));
        assertEquals("fast", modelOf(translate("{\"text\":" + quoted(sentence) + ",\"model\":\"fast\"}")));
        HttpResponse<String> plain = send("POST", "/v1/translate?model=best&maxLength=12", "text/plain; charset=utf-8", sentence);
        assertEquals(200, plain.statusCode(), plain.body());
        assertEquals("best", modelOf(JsonParser.parseString(plain.body()).getAsJsonObject()));
    }

    @Test
    void exportsNameTheModelThatTranslated() throws Exception {
        String sentence = Golden.lines("parallel/train.ar").get(3);
        HttpResponse<String> html = send("POST", "/v1/translate?format=html&model=best&maxLength=12",
                "text/plain; charset=utf-8", sentence);
        assertEquals(200, html.statusCode(), html.body());
        assertTrue(html.body().contains("<code class=\"model\">best</code>"), html.body());
        HttpResponse<String> tmx = send("POST", "/v1/translate?format=tmx", "text/plain; charset=utf-8", sentence);
        assertTrue(tmx.body().contains(">fast</prop>"), tmx.body());
    }

    @Test
    void unknownModelsAndConflictingChoicesAreRefusedWithJsonErrors() throws Exception {
        HttpResponse<String> unknown = send("POST", "/v1/translate", "application/json", "{\"text\":\"مرحبا\",\"model\":\"huge\"}");
        assertEquals(422, unknown.statusCode());
        JsonObject error = JsonParser.parseString(unknown.body()).getAsJsonObject();
        assertTrue(unknown.body().contains("unknown_model") && unknown.body().contains("fast, best"), unknown.body());
        assertTrue(error.size() > 0);
        HttpResponse<String> both = send("POST", "/v1/translate", "application/json",
                "{\"text\":\"مرحبا\",\"model\":\"fast\",\"modelType\":\"quality_optimized\"}");
        assertEquals(422, both.statusCode());
        assertTrue(both.body().contains("invalid_request"), both.body());
        HttpResponse<String> badType = send("POST", "/v1/translate", "application/json",
                "{\"text\":\"مرحبا\",\"modelType\":\"best_effort\"}");
        assertEquals(422, badType.statusCode());
        assertTrue(badType.body().contains("quality_optimized, latency_optimized"), badType.body());
        HttpResponse<String> plain = send("POST", "/v1/translate?model=nope", "text/plain; charset=utf-8", "مرحبا");
        assertEquals(422, plain.statusCode());
    }

    @Test
    void concurrentRequestsToBothModelsEachGetTheirModel() throws Exception {
        List<String> sentences = Golden.lines("parallel/train.ar").subList(40, 52);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < sentences.size(); i++) {
                String model = i % 2 == 0 ? "fast" : "best";
                String body = "{\"text\":" + quoted(sentences.get(i)) + ",\"model\":\"" + model + "\",\"maxLength\":12}";
                results.add(pool.submit(() -> modelOf(translate(body))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i % 2 == 0 ? "fast" : "best", results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
