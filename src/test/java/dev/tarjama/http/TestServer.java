package dev.tarjama.http;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.translation.ServiceConfig;
import dev.tarjama.translation.TranslationEngine;
import dev.tarjama.translation.TranslationService;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The API on 127.0.0.1 and a free port, over any {@link TranslationEngine} (the fake in these tests;
 * the real Marian engine in acceptance tests), with a plain {@link HttpClient}.
 */
final class TestServer implements AutoCloseable {
    final TranslationService service;
    final HttpApi api;
    final Javalin app;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    private TestServer(TranslationService service, HttpApi api, Javalin app) {
        this.service = service;
        this.api = api;
        this.app = app;
        this.base = "http://127.0.0.1:" + app.port();
    }

    static TestServer start(TranslationEngine engine, ServiceConfig serviceConfig, HttpConfig httpConfig, BooleanSupplier ready) {
        return start(engine, serviceConfig, httpConfig, OpsConfig.DEFAULTS, ready);
    }

    static TestServer start(TranslationEngine engine, ServiceConfig serviceConfig, HttpConfig httpConfig, OpsConfig ops,
            BooleanSupplier ready) {
        return start(engine, serviceConfig, httpConfig, ops, ready, null);
    }

    static TestServer start(TranslationEngine engine, ServiceConfig serviceConfig, HttpConfig httpConfig, BooleanSupplier ready,
            dev.tarjama.glossary.GlossaryStore glossaries) {
        return start(engine, serviceConfig, httpConfig, OpsConfig.DEFAULTS, ready, glossaries);
    }

    static TestServer start(TranslationEngine engine, ServiceConfig serviceConfig, HttpConfig httpConfig, OpsConfig ops,
            BooleanSupplier ready, dev.tarjama.glossary.GlossaryStore glossaries) {
        TranslationService service = new TranslationService(engine, serviceConfig);
        Map<String, Object> info = Map.of("id", engine.model().id(), "revision", engine.model().revision(),
                "files", java.util.List.of("config.json"));
        HttpApi api = new HttpApi(service, ready, () -> info, httpConfig, ops, glossaries);
        Javalin app = api.start("127.0.0.1", 0);
        return new TestServer(service, api, app);
    }

    /** A request with extra headers (name, value, name, value, ...). */
    HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static TestServer start(TranslationEngine engine) {
        return start(engine, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS, () -> true);
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postJson(String path, String json) throws Exception {
        return post(path, "application/json", json);
    }

    /** A body sent chunked, without Content-Length. */
    HttpResponse<String> postChunked(String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Override
    public void close() {
        app.stop();
        service.close();
    }
}
