package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {
    private final FakeEngine engine = new FakeEngine();
    private TestServer server;

    @AfterEach
    void stop() {
        engine.release();
        if (server != null) {
            server.close();
        }
    }

    private TestServer server() {
        if (server == null) {
            server = TestServer.start(engine);
        }
        return server;
    }

    /** Asserts the one error shape, the status and the code; returns the message. */
    static String assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject body = TestServer.json(r);
        assertEquals(List.of("error"), List.copyOf(body.keySet()));
        JsonObject error = body.getAsJsonObject("error");
        assertEquals(List.of("code", "message"), List.copyOf(error.keySet()));
        assertEquals(code, error.get("code").getAsString());
        assertFalse(r.body().contains("Exception") || r.body().contains("at dev.") || r.body().contains(".java"), r.body());
        return error.get("message").getAsString();
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertError(server().postJson("/v1/translate", "{\"text\": \"abc\""), 400, "invalid_json");
        assertError(server().postJson("/v1/translate", "{text: 'abc'}"), 400, "invalid_json");
        assertError(server().postJson("/v1/translate", "{\"text\": \"a\"} trailing"), 400, "invalid_json");
        assertError(server().postJson("/v1/translate", ""), 400, "invalid_json");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        assertError(server().post("/v1/translate", "application/xml", "<text/>"), 415, "unsupported_media_type");
        assertError(server().post("/v1/translate", "text/plain; charset=iso-8859-1", "x"), 415, "unsupported_media_type");
        assertError(server().post("/v1/translate", null, "x".getBytes(StandardCharsets.UTF_8)), 415, "unsupported_media_type");
    }

    @Test
    void missingTextIs422NamingTheField() throws Exception {
        assertTrue(assertError(server().postJson("/v1/translate", "{}"), 422, "invalid_request").contains("text"));
    }

    @Test
    void wronglyTypedTextIs422NamingTheField() throws Exception {
        assertEquals("text must be a string",
                assertError(server().postJson("/v1/translate", "{\"text\": 42}"), 422, "invalid_request"));
        assertEquals("text must be a string",
                assertError(server().postJson("/v1/translate", "{\"text\": null}"), 422, "invalid_request"));
        assertEquals("texts must be an array of strings",
                assertError(server().postJson("/v1/translate", "{\"texts\": \"x\"}"), 422, "invalid_request"));
        assertEquals("texts[1] must be a string",
                assertError(server().postJson("/v1/translate", "{\"texts\": [\"x\", 1]}"), 422, "invalid_request"));
        assertTrue(assertError(server().postJson("/v1/translate", "[\"x\"]"), 422, "invalid_request").contains("JSON object"));
    }

    @Test
    void unpairedSurrogateEscapeIs422NamingTheField() throws Exception {
        assertTrue(assertError(server().postJson("/v1/translate", "{\"text\": \"a\\ud800b\"}"), 422, "invalid_request")
                .startsWith("text contains an unpaired surrogate"));
        assertEquals(200, server().postJson("/v1/translate", "{\"text\": \"a\\ud83d\\ude00.\"}").statusCode());
    }

    @Test
    void bothTextAndTextsIs422() throws Exception {
        assertTrue(assertError(server().postJson("/v1/translate", "{\"text\": \"a\", \"texts\": [\"b\"]}"), 422,
                "invalid_request").contains("not both"));
    }

    @Test
    void unknownFieldIs422NamingIt() throws Exception {
        assertTrue(assertError(server().postJson("/v1/translate", "{\"text\": \"a\", \"beam\": 2}"), 422,
                "invalid_request").contains("'beam'"));
    }

    @Test
    void tooManyTextsIs422() throws Exception {
        String texts = "[" + String.join(",", java.util.Collections.nCopies(51, "\"x\"")) + "]";
        assertTrue(assertError(server().postJson("/v1/translate", "{\"texts\": " + texts + "}"), 422,
                "invalid_request").startsWith("texts must have at most 50"));
    }

    @Test
    void invalidUtf8Is400() throws Exception {
        byte[] json = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xD8, '"', '}'};
        assertError(server().post("/v1/translate", "application/json", json), 400, "invalid_utf8");
        byte[] plain = {(byte) 0xC3, (byte) 0x28};
        assertError(server().post("/v1/translate", "text/plain; charset=utf-8", plain), 400, "invalid_utf8");
        assertEquals(0, engine.batches().size());
    }

    @Test
    void outOfRangeOptionsAre422NamingTheField() throws Exception {
        assertEquals("beams must be between 1 and 8",
                assertError(server().postJson("/v1/translate", "{\"text\": \"a\", \"beams\": 9}"), 422, "invalid_request"));
        assertEquals("maxLength must be between 1 and 512",
                assertError(server().postJson("/v1/translate", "{\"text\": \"a\", \"maxLength\": 0}"), 422, "invalid_request"));
        assertEquals("beams must be an integer",
                assertError(server().postJson("/v1/translate", "{\"text\": \"a\", \"beams\": 2.5}"), 422, "invalid_request"));
        assertEquals("beams must be an integer",
                assertError(server().postJson("/v1/translate", "{\"text\": \"a\", \"beams\": \"4\"}"), 422, "invalid_request"));
        assertEquals("maxLength must be between 1 and 512",
                assertError(server().postJson("/v1/translate", "{\"text\": \"a\", \"maxLength\": 1e12}"), 422, "invalid_request"));
        assertEquals("beams must be between 1 and 8",
                assertError(server().post("/v1/translate?beams=0", "text/plain", "a"), 422, "invalid_request"));
        assertEquals("maxLength must be an integer",
                assertError(server().post("/v1/translate?maxLength=x", "text/plain", "a"), 422, "invalid_request"));
    }

    @Test
    void bodyOverTheLimitIs413ByContentLengthAndByActualSize() throws Exception {
        server = TestServer.start(engine, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS.withBodyLimitBytes(1000), () -> true);
        byte[] big = ("{\"text\": \"" + "ا".repeat(600) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertError(server.post("/v1/translate", "application/json", big), 413, "payload_too_large");
        assertError(server.postChunked("/v1/translate", "application/json", big), 413, "payload_too_large");
        byte[] fits = ("{\"text\": \"" + "ا".repeat(400) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(200, server.post("/v1/translate", "application/json", fits).statusCode());
        assertEquals(200, server.postChunked("/v1/translate", "application/json", fits).statusCode());
        byte[] huge = ("{\"text\": \"" + "ا".repeat(1_500_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        // A client still sending megabytes after the 413 may see the connection closed instead of
        // the answer (the server does not read a refused body to its end); both outcomes are refusals.
        for (int i = 0; i < 3; i++) {
            assertRefusedAsTooLarge(() -> server.post("/v1/translate", "application/json", huge));
            assertRefusedAsTooLarge(() -> server.postChunked("/v1/translate", "application/json", huge));
        }
        assertEquals(1000, server.app.unsafe.http.maxRequestSize, "Javalin's own limit agrees");
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static void assertRefusedAsTooLarge(Call call) throws Exception {
        HttpResponse<String> r;
        try {
            r = call.send();
        } catch (java.io.IOException closedWhileSending) {
            return;
        }
        assertError(r, 413, "payload_too_large");
    }

    @Test
    void fullQueueIs429WithRetryAfter() throws Exception {
        server = TestServer.start(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0).withQueueCapacity(1),
                HttpConfig.DEFAULTS, () -> true);
        engine.hold();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> call("{\"text\": \"أولى.\"}"));
        assertTrue(engine.awaitFirstBatch(5000));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> call("{\"text\": \"ثانية.\"}"));
        long deadline = System.currentTimeMillis() + 5000;
        while (server.service.queuedSentences() < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        HttpResponse<String> refused = server.postJson("/v1/translate", "{\"text\": \"ثالثة.\"}");
        assertError(refused, 429, "overloaded");
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
        engine.release();
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, second.get(10, TimeUnit.SECONDS).statusCode());
    }

    private HttpResponse<String> call(String json) {
        try {
            return server.postJson("/v1/translate", json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void notReadyIs503() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        server = TestServer.start(engine, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS, ready::get);
        assertError(server.postJson("/v1/translate", "{\"text\": \"أ.\"}"), 503, "not_ready");
        assertError(server.get("/v1/health/ready"), 503, "not_ready");
        assertEquals(200, server.get("/v1/health/live").statusCode());
        assertEquals(0, engine.batches().size());
        ready.set(true);
        assertEquals(200, server.postJson("/v1/translate", "{\"text\": \"أ.\"}").statusCode());
        assertEquals(200, server.get("/v1/health/ready").statusCode());
    }

    @Test
    void engineFailureIs500WithAGenericMessageAndFailsOnlyItsRequest() throws Exception {
        server = TestServer.start(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 20), HttpConfig.DEFAULTS, () -> true);
        CompletableFuture<HttpResponse<String>> bad = CompletableFuture.supplyAsync(() -> call("{\"text\": \"جملة FAIL.\"}"));
        CompletableFuture<HttpResponse<String>> good = CompletableFuture.supplyAsync(() -> call("{\"text\": \"جملة سليمة.\"}"));
        String message = assertError(bad.get(10, TimeUnit.SECONDS), 500, "translation_failed");
        assertFalse(message.contains("secret") || message.contains("simulated"), message);
        HttpResponse<String> ok = good.get(10, TimeUnit.SECONDS);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains(FakeEngine.expected("جملة سليمة.")));
    }

    @Test
    void unknownRouteIs404InTheSameShape() throws Exception {
        assertError(server().get("/v1/nothing"), 404, "not_found");
        assertError(server().postJson("/v2/translate", "{}"), 404, "not_found");
    }
}
