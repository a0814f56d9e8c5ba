package dev.tarjama.http;

import static dev.tarjama.http.ErrorResponsesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestDeadlineAndFaultsTest {

    @Test
    void aRequestPastItsDeadlineGets504AndItsQueuedWorkIsDropped() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.hold();
        try (TestServer server = TestServer.start(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0), HttpConfig.DEFAULTS,
                OpsConfig.DEFAULTS.withRequestTimeout(Duration.ofMillis(400)), () -> true)) {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> call(server, "الأولى."));
            assertTrue(engine.awaitFirstBatch(5000));
            long started = System.nanoTime();
            HttpResponse<String> late = server.postJson("/v1/translate", "{\"text\": \"الثانية. الثالثة.\"}");
            long ms = (System.nanoTime() - started) / 1_000_000;
            String message = assertError(late, 504, "deadline_exceeded");
            assertTrue(message.contains("400 ms"), message);
            assertTrue(ms < 5000, ms + " ms");
            assertEquals(0, server.service.queuedSentences(), "its sentences left the queue");
            assertTrue(late.headers().firstValue("X-Request-Id").isPresent());
            engine.release();
            assertError(first.get(10, TimeUnit.SECONDS), 504, "deadline_exceeded");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (engine.batches().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(5); // the held batch finishes after its request's 504
            }
            Thread.sleep(100);
            assertEquals(List.of(List.of("الأولى.")), engine.batches(), "the dropped sentences never reached the engine");
            assertEquals(200, server.postJson("/v1/translate", "{\"text\": \"الثانية.\"}").statusCode());
            assertTrue(server.get("/metrics").body().contains("tarjama_queue_withdrawn_sentences_total 2"));
        } finally {
            engine.release();
        }
    }

    @Test
    void aSentenceThatBreaksTheEngineMidBatchFailsOnlyItsRequestAndTheServiceStaysReady() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (TestServer server = TestServer.start(engine, ServiceConfig.DEFAULTS.withBatch(32, 4096, 300), HttpConfig.DEFAULTS,
                () -> true)) {
            // the 300 ms fill wait puts all three requests into one engine batch
            CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> call(server, "جملة أولى."));
            CompletableFuture<HttpResponse<String>> bad = CompletableFuture.supplyAsync(() -> call(server, "جملة FAIL."));
            CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> call(server, "جملة ثانية."));
            assertEquals(200, a.get(10, TimeUnit.SECONDS).statusCode());
            assertEquals(200, b.get(10, TimeUnit.SECONDS).statusCode());
            assertError(bad.get(10, TimeUnit.SECONDS), 500, "translation_failed");
            assertTrue(engine.batches().stream().anyMatch(batch -> batch.size() > 1) || engine.batches().size() >= 3,
                    engine.batches().toString());
            assertEquals(200, server.get("/v1/health/ready").statusCode());
            assertEquals(200, call(server, "جملة ثالثة.").statusCode());
        }
    }

    @Test
    void refusedRequestsAreCountedUnderTheirRouteTemplate() throws Exception {
        ApiKeys keys = ApiKeys.parse(List.of("desk:desk-0123456789abcdef"), "test");
        try (TestServer server = TestServer.start(new FakeEngine(), ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS,
                OpsConfig.DEFAULTS.withApiKeys(keys), () -> true)) {
            assertEquals(401, server.postJson("/v1/translate", "{\"text\": \"x\"}").statusCode());
            assertEquals(1, server.api.metrics().requests("POST", "/v1/translate", 401));
        }
    }

    private static HttpResponse<String> call(TestServer server, String text) {
        try {
            return server.postJson("/v1/translate", "{\"text\": \"" + text + "\"}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
