package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import dev.tarjama.store.LocalQuotas;
import dev.tarjama.store.QuotaStore;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import dev.tarjama.translation.TranslationService;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotas charge only work that was delivered: a request that fails after admission (500 engine
 * failure, 504 deadline) is refunded. With a persisted quota store, counts survive a restart.
 */
class QuotaRefundAndPersistenceTest {
    private static final String KEY = "carol-0123456789abcdef";
    private static final ApiKeys KEYS = ApiKeys.parse(List.of("carol:" + KEY + ":30"), "test");
    private final HttpClient client = HttpClient.newHttpClient();

    /** A server over {@code engine} whose quotas live in {@code quotas}. */
    private record Server(TranslationService service, Javalin app) implements AutoCloseable {
        static Server start(FakeEngine engine, OpsConfig ops, QuotaStore quotas) {
            return start(engine, ServiceConfig.DEFAULTS, ops, quotas);
        }

        static Server start(FakeEngine engine, ServiceConfig config, OpsConfig ops, QuotaStore quotas) {
            TranslationService service = new TranslationService(engine, config);
            HttpApi api = new HttpApi(service, () -> true, () -> Map.of(), HttpConfig.DEFAULTS, ops, null, quotas, null);
            return new Server(service, api.start("127.0.0.1", 0));
        }

        @Override
        public void close() {
            app.stop();
            service.close();
        }
    }

    private HttpResponse<String> translate(Server s, String text) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.app().port() + "/v1/translate"))
                .header("Content-Type", "application/json").header("X-API-Key", KEY).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(new Gson().toJson(Map.of("text", text)), StandardCharsets.UTF_8))
                .build();
        return client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(Server s, String text) {
        try {
            return translate(s, text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String chars(int n, String prefix) {
        return prefix + "ب".repeat(n - prefix.length());
    }

    @Test
    void aRequestThatFailsWith500OrTimesOutWith504IsRefunded() throws Exception {
        FakeEngine engine = new FakeEngine();
        OpsConfig ops = OpsConfig.DEFAULTS.withApiKeys(KEYS).withRequestTimeout(Duration.ofMillis(300));
        try (Server s = Server.start(engine, ops, new LocalQuotas())) {
            assertEquals(500, translate(s, chars(20, FakeEngine.FAIL_MARKER)).statusCode());
            engine.hold();
            assertEquals(504, translate(s, chars(20, "ت")).statusCode());
            engine.release();
            assertEquals(200, translate(s, chars(20, "ث")).statusCode(), "the failed requests' 40 characters came back");
            var over = translate(s, chars(20, "ج"));
            assertEquals(429, over.statusCode(), "successful requests are still charged: 20 + 20 > 30");
            ErrorResponsesTest.assertError(over, 429, "quota_exceeded");
            assertEquals(200, translate(s, chars(10, "ح")).statusCode(), "a refused request is not charged");
        }
    }

    @Test
    void aRequestRefusedAs429OverloadedIsRefunded() throws Exception {
        OpsConfig ops = OpsConfig.DEFAULTS.withApiKeys(KEYS);
        FakeEngine engine = new FakeEngine();
        try (Server s = Server.start(engine, ServiceConfig.DEFAULTS.withQueueCapacity(1), ops, new LocalQuotas())) {
            engine.hold();
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> send(s, "ا."));
            org.junit.jupiter.api.Assertions.assertTrue(engine.awaitFirstBatch(10_000), "the first request is on the engine");
            var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> send(s, "ب."));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (s.service().queuedSentences() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            var overloaded = translate(s, "جملة أولى. جملة ثانية.");
            engine.release();
            ErrorResponsesTest.assertError(overloaded, 429, "overloaded");
            assertEquals(200, first.get().statusCode());
            assertEquals(200, second.get().statusCode());
            assertEquals(200, translate(s, chars(25, "ر")).statusCode(),
                    "4 charged + 25 fit in 30 only if the overloaded request's 22 characters came back");
        }
    }

    @Test
    void quotaCountsPersistedNextToTheGlossariesSurviveARestart(@TempDir Path glossaryDir) throws Exception {
        Path log = glossaryDir.resolve("quotas.log");
        OpsConfig ops = OpsConfig.DEFAULTS.withApiKeys(KEYS);
        try (LocalQuotas quotas = new LocalQuotas(log); Server s = Server.start(new FakeEngine(), ops, quotas)) {
            assertEquals(200, translate(s, chars(25, "خ")).statusCode());
        }
        try (LocalQuotas quotas = new LocalQuotas(log); Server s = Server.start(new FakeEngine(), ops, quotas)) {
            assertEquals(429, translate(s, chars(10, "د")).statusCode(), "25 used before the restart + 10 > 30");
            assertEquals(200, translate(s, chars(5, "ذ")).statusCode());
        }
    }
}
