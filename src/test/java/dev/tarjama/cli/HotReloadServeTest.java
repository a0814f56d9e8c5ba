package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.bench.BenchModel;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model replaced through the admin route while clients keep translating with it and with another
 * model: no request fails, each answer names the revision that translated it, and once the reload
 * answered every new request gets the new revision.
 */
class HotReloadServeTest {
    static final String KEY = "reload-key-0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void reloadingAModelUnderConcurrentRequestsDropsNone() throws Exception {
        DjlRuntime.configure(1);
        Path first = BenchModel.ensure(tmp.resolve("a"), Golden.TINY_MODEL, 5, MultiModelServeTest.WIDE);
        Path second = BenchModel.ensure(tmp.resolve("b"), Golden.TINY_MODEL, 6, MultiModelServeTest.WIDE);
        String[] argv = {"serve", "--models", "fast=" + Golden.TINY_MODEL + ",best=" + first, "--port", "0",
            "--glossary-dir", tmp.resolve("glossaries").toString()};
        Map<String, String> env = Map.of("TARJAMA_API_KEYS", "ops:" + KEY);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> sentences = Golden.lines("parallel/train.ar");
        try (ServeCommand.Server server = ServeCommand.start(ServeOptions.parse(argv, env), ModelSet.parse(argv, env))) {
            String base = "http://127.0.0.1:" + server.port();
            AtomicBoolean stop = new AtomicBoolean();
            Set<String> bestRevisions = ConcurrentHashMap.newKeySet();
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client0 = c;
                clients.add(pool.submit(() -> {
                    int n = 0;
                    while (!stop.get() || n < 3) {
                        String model = client0 % 2 == 0 ? "best" : "fast";
                        // distinct texts: every request reaches the engine, none is served from the cache
                        String text = sentences.get((client0 * 17 + n) % sentences.size()) + " " + client0 + "-" + n;
                        HttpResponse<String> r = post(client, base + "/v1/translate",
                                "{\"text\":" + new com.google.gson.Gson().toJson(text) + ",\"model\":\"" + model
                                        + "\",\"maxLength\":10}", KEY);
                        if (r.statusCode() != 200) {
                            failures.add(r.statusCode() + " " + r.body());
                        } else {
                            JsonObject doc = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("model");
                            if (!doc.get("id").getAsString().equals(model)) {
                                failures.add("asked " + model + " got " + doc);
                            }
                            if (model.equals("best")) {
                                bestRevisions.add(doc.get("revision").getAsString());
                            }
                        }
                        n++;
                    }
                    return n;
                }));
            }
            awaitTrue(() -> !bestRevisions.isEmpty()); // the old model has answered
            HttpResponse<String> reload = post(client, base + "/v1/admin/models/best/reload",
                    "{\"dir\":" + new com.google.gson.Gson().toJson(second.toString()) + "}", KEY);
            assertEquals(200, reload.statusCode(), reload.body());
            String newRevision = JsonParser.parseString(reload.body()).getAsJsonObject().get("revision").getAsString();
            awaitTrue(() -> bestRevisions.contains(newRevision)); // the clients have reached the new one
            stop.set(true);
            int total = 0;
            for (Future<Integer> f : clients) {
                total += f.get();
            }
            pool.shutdown();
            assertTrue(failures.isEmpty(), failures.toString());
            assertEquals(2, bestRevisions.size(), "best answered with the old and then the new revision: " + bestRevisions);
            assertTrue(bestRevisions.contains(newRevision));
            HttpResponse<String> after = post(client, base + "/v1/translate", "{\"text\":\"مرحبا بكم.\",\"model\":\"best\",\"maxLength\":8}", KEY);
            assertEquals(newRevision, JsonParser.parseString(after.body()).getAsJsonObject().getAsJsonObject("model")
                    .get("revision").getAsString());
            HttpResponse<String> fast = post(client, base + "/v1/translate", "{\"text\":\"مرحبا بكم.\",\"model\":\"fast\"}", KEY);
            assertNotEquals(newRevision, JsonParser.parseString(fast.body()).getAsJsonObject().getAsJsonObject("model")
                    .get("revision").getAsString());
            assertTrue(total >= 12, "clients kept translating through the reload: " + total);
        }
    }

    /** Waits for a condition the running clients bring about (bounded, so a hang fails instead of blocking). */
    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 120 s");
            }
            Thread.sleep(20);
        }
    }

    static HttpResponse<String> post(HttpClient client, String url, String json, String key) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
