package dev.tarjama.http;

import static dev.tarjama.http.ErrorResponsesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streaming translations hold a connection and memory each: at most {@code maxStreams} at once, then 429. */
class StreamLimitTest {
    private final FakeEngine engine = new FakeEngine();
    private TestServer server;

    @AfterEach
    void stop() {
        engine.release();
        if (server != null) {
            server.close();
        }
    }

    private HttpRequest stream(String text) {
        return HttpRequest.newBuilder(URI.create(server.base + "/v1/translate")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text + "\"}", StandardCharsets.UTF_8)).build();
    }

    @Test
    void streamsBeyondTheLimitGet429UntilOneEnds() throws Exception {
        server = TestServer.start(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0),
                HttpConfig.DEFAULTS.withLimits(ClientLimits.DEFAULTS.withMaxStreams(2)), () -> true);
        engine.hold();
        CompletableFuture<HttpResponse<String>> first = server.client.sendAsync(stream("أولى."), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second = server.client.sendAsync(stream("ثانية."), HttpResponse.BodyHandlers.ofString());
        assertTrue(engine.awaitFirstBatch(10_000));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.api.inFlight() < 2 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        Thread.sleep(200); // both streams hold their place (the second waits behind the first in the engine)
        HttpResponse<String> third = server.client.send(stream("ثالثة."), HttpResponse.BodyHandlers.ofString());
        String message = assertError(third, 429, "too_many_streams");
        assertTrue(message.contains("2 translations"), message);
        assertEquals("1", third.headers().firstValue("Retry-After").orElse(""));
        engine.release();
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, second.get(10, TimeUnit.SECONDS).statusCode());
        HttpResponse<String> after = server.client.send(stream("رابعة."), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode(), "the places are given back when streams end");
        assertTrue(after.body().contains(FakeEngine.expected("رابعة.")), after.body());
        assertEquals(200, server.postJson("/v1/translate", "{\"text\": \"خامسة.\"}").statusCode(), "plain requests are not limited");
    }
}
