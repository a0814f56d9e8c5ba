package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.testutil.Golden;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --precision} and a model's {@code :precision=} in {@code --models}: the model
 * routes report the precision and a revision that carries it, every answer names that revision,
 * and a reload keeps the model's precision.
 */
class ReducedPrecisionServeTest {
    static final String KEY = "precision-key-0123456789abcdef";
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String directoryRevision;

    @TempDir
    Path tmp;

    @BeforeAll
    static void runtime() {
        DjlRuntime.configure(1);
        directoryRevision = ModelDirectory.open(Golden.TINY_MODEL).revision();
    }

    private ServeCommand.Server start(Map<String, String> env, String... flags) {
        String[] argv = new String[flags.length + 5];
        argv[0] = "serve";
        System.arraycopy(flags, 0, argv, 1, flags.length);
        argv[flags.length + 1] = "--port";
        argv[flags.length + 2] = "0";
        argv[flags.length + 3] = "--glossary-dir";
        argv[flags.length + 4] = tmp.resolve("glossaries").toString();
        return ServeCommand.start(ServeOptions.parse(argv, env), ModelSet.parse(argv, env));
    }

    private static JsonObject get(ServeCommand.Server server, String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60)).header("X-API-Key", KEY).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static HttpResponse<String> post(ServeCommand.Server server, String path, String json) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json").header("X-API-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A greedy translation of {@code text} by {@code model} (null: the default). */
    private static JsonObject translate(ServeCommand.Server server, String model, String text) throws Exception {
        String json = "{\"text\":" + new Gson().toJson(text) + ",\"beams\":1"
                + (model == null ? "" : ",\"model\":\"" + model + "\"") + "}";
        HttpResponse<String> r = post(server, "/v1/translate", json);
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static String translation(JsonObject doc) {
        return doc.getAsJsonArray("paragraphs").get(0).getAsJsonObject().get("translation").getAsString();
    }

    private static String revision(JsonObject doc) {
        return doc.getAsJsonObject("model").get("revision").getAsString();
    }

    @Test
    void servingWithPrecisionInt8ReportsItAndARevisionEndingInInt8() throws Exception {
        try (ServeCommand.Server server = start(Map.of(), "--model", Golden.TINY_MODEL.toString(), "--precision", "int8")) {
            JsonObject model = get(server, "/v1/model");
            assertEquals("tiny-ar-en", model.get("id").getAsString());
            assertEquals("int8", model.get("precision").getAsString());
            assertEquals(directoryRevision + "+int8", model.get("revision").getAsString());
            JsonObject listed = get(server, "/v1/models").getAsJsonArray("models").get(0).getAsJsonObject();
            assertEquals("int8", listed.get("precision").getAsString());
            assertEquals(directoryRevision + "+int8", listed.get("revision").getAsString());

            // greedy int8 still reproduces the memorized training translation; the answer names the int8 revision
            int line = 30;
            JsonObject doc = translate(server, null, Golden.lines("parallel/train.ar").get(line));
            assertEquals(Golden.lines("parallel/train.en").get(line), translation(doc));
            assertEquals(directoryRevision + "+int8", revision(doc));
        }
    }

    @Test
    void theEnvironmentVariableSetsThePrecisionWhenNoFlagDoes() throws Exception {
        try (ServeCommand.Server server = start(Map.of("TARJAMA_PRECISION", "bf16"), "--model",
                Golden.TINY_MODEL.toString())) {
            JsonObject model = get(server, "/v1/model");
            assertEquals("bf16", model.get("precision").getAsString());
            assertEquals(directoryRevision + "+bf16", model.get("revision").getAsString());
        }
    }

    @Test
    void eachModelKeepsItsOwnPrecisionAcrossReloads() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("TARJAMA_API_KEYS", "ops:" + KEY);
        try (ServeCommand.Server server = start(env, "--models",
                "q8=" + Golden.TINY_MODEL + ":precision=int8,exact=" + Golden.TINY_MODEL)) {
            JsonArray models = get(server, "/v1/models").getAsJsonArray("models");
            JsonObject q8 = models.get(0).getAsJsonObject();
            JsonObject exact = models.get(1).getAsJsonObject();
            assertEquals("q8", q8.get("id").getAsString());
            assertEquals("int8", q8.get("precision").getAsString());
            assertEquals(directoryRevision + "+int8", q8.get("revision").getAsString());
            assertEquals("exact", exact.get("id").getAsString());
            assertEquals("fp32", exact.get("precision").getAsString(), "without its own, a model gets --precision (fp32)");
            assertEquals(directoryRevision, exact.get("revision").getAsString(), "fp32 revisions stay as they were");
            assertEquals("int8", get(server, "/v1/model").get("precision").getAsString(), "/v1/model: the default model");

            String text = Golden.lines("parallel/train.ar").get(12);
            JsonObject byQ8 = translate(server, "q8", text);
            JsonObject byExact = translate(server, "exact", text);
            assertEquals(directoryRevision + "+int8", revision(byQ8));
            assertEquals(directoryRevision, revision(byExact));

            HttpResponse<String> reload = post(server, "/v1/admin/models/q8/reload", "");
            assertEquals(200, reload.statusCode(), reload.body());
            JsonObject reloaded = JsonParser.parseString(reload.body()).getAsJsonObject();
            assertEquals("int8", reloaded.get("precision").getAsString(), "a reload keeps the model's precision");
            assertEquals(directoryRevision + "+int8", reloaded.get("revision").getAsString());
            assertEquals(directoryRevision + "+int8", revision(translate(server, "q8", text)));
            assertNotEquals(revision(byExact), revision(translate(server, "q8", text)));
            // what SIGHUP runs: every model reloaded from its directory, each in its own precision
            java.util.List<String> lines = ReloadOnHangup.reloadAll(server.registry(), Duration.ofSeconds(30),
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(java.util.List.of("tarjama: SIGHUP: model q8 reloaded, revision " + directoryRevision + "+int8",
                    "tarjama: SIGHUP: model exact reloaded, revision " + directoryRevision), lines);
            assertEquals("int8", get(server, "/v1/models").getAsJsonArray("models").get(0).getAsJsonObject()
                    .get("precision").getAsString());
        }
    }
}
