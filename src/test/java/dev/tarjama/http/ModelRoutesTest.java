package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ModelRegistry;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The admin reload route over fake models: who may call it, and what it answers. */
class ModelRoutesTest {
    static final String KEY = "admin-key-0123456789abcdef";
    final HttpClient client = HttpClient.newHttpClient();

    static ModelRegistry.Loaded fake(String revision) {
        FakeEngine engine = new FakeEngine();
        engine.setRevision(revision);
        return new ModelRegistry.Loaded(new TranslationService(engine), null, Map.of(), 1);
    }

    HttpResponse<String> send(String base, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        b.header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void reloadNeedsAnApiKeyAndSwapsTheModelForLaterRequests() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        ModelRegistry registry = new ModelRegistry(List.of(new ModelRegistry.Entry("m", Path.of("dir-1"), null, fake("rev-1"))),
                null, (id, dir) -> {
                    if (dir.toString().equals("broken")) {
                        throw new IllegalStateException("model directory broken is missing: config.json");
                    }
                    return fake("rev-" + (1 + loads.incrementAndGet()) + "-" + dir);
                });
        OpsConfig ops = new OpsConfig(Duration.ofSeconds(10), ApiKeys.fromEnvironment("admin:" + KEY), List.of());
        HttpApi api = new HttpApi(registry, () -> true, () -> registry.info("m"), HttpConfig.DEFAULTS, ops, null);
        Javalin app = api.start("127.0.0.1", 0);
        String base = "http://127.0.0.1:" + app.port();
        try {
            assertEquals(401, send(base, "POST", "/v1/admin/models/m/reload", null).statusCode());
            HttpResponse<String> ok = send(base, "POST", "/v1/admin/models/m/reload", "{\"dir\":\"dir-2\"}",
                    "Authorization", "Bearer " + KEY);
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("rev-2-dir-2", JsonParser.parseString(ok.body()).getAsJsonObject().get("revision").getAsString());
            HttpResponse<String> doc = send(base, "POST", "/v1/translate", "{\"text\":\"مرحبا.\"}", "X-API-Key", KEY);
            assertEquals("rev-2-dir-2", JsonParser.parseString(doc.body()).getAsJsonObject().getAsJsonObject("model")
                    .get("revision").getAsString());
            HttpResponse<String> again = send(base, "POST", "/v1/admin/models/m/reload", "", "X-API-Key", KEY);
            assertEquals(200, again.statusCode(), again.body());
            assertTrue(again.body().contains("rev-3-dir-2"), "no dir: the current directory again: " + again.body());
            HttpResponse<String> broken = send(base, "POST", "/v1/admin/models/m/reload", "{\"dir\":\"broken\"}", "X-API-Key", KEY);
            assertEquals(422, broken.statusCode());
            JsonObject error = JsonParser.parseString(broken.body()).getAsJsonObject();
            assertTrue(broken.body().contains("model_load_failed") && broken.body().contains("keeps serving"), broken.body());
            assertTrue(error.size() > 0);
            assertEquals(404, send(base, "POST", "/v1/admin/models/other/reload", null, "X-API-Key", KEY).statusCode());
            assertEquals(422, send(base, "POST", "/v1/admin/models/m/reload", "{\"path\":\"x\"}", "X-API-Key", KEY).statusCode());
            HttpResponse<String> models = send(base, "GET", "/v1/models", null, "X-API-Key", KEY);
            assertTrue(models.body().contains("rev-3-dir-2"), models.body());
        } finally {
            app.stop();
            registry.close();
        }
    }

    @Test
    void withoutApiKeysTheAdminRouteIsForbidden() throws Exception {
        ModelRegistry registry = new ModelRegistry(List.of(new ModelRegistry.Entry("m", Path.of("d"), null, fake("rev-1"))),
                null, (id, dir) -> fake("rev-2"));
        HttpApi api = new HttpApi(registry, () -> true, () -> registry.info("m"), HttpConfig.DEFAULTS, OpsConfig.DEFAULTS, null);
        Javalin app = api.start("127.0.0.1", 0);
        try {
            HttpResponse<String> r = send("http://127.0.0.1:" + app.port(), "POST", "/v1/admin/models/m/reload", null);
            assertEquals(403, r.statusCode());
            assertTrue(r.body().contains("forbidden") && r.body().contains("API keys"), r.body());
        } finally {
            app.stop();
            registry.close();
        }
    }
}
