package dev.tarjama.http;

import static dev.tarjama.http.ErrorResponsesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * One client must not starve the others, over HTTP: the client identity (API key name, or remote
 * address without keys) reaches the scheduler, a request over the cost cap is a 422 naming the limit
 * and its cost, and a client over its in-progress request limit gets a 429 while others are served.
 */
class ClientFairnessApiTest {
    static final String KEY_A = "key-of-client-a-0123456789";
    static final String KEY_B = "key-of-client-b-0123456789";
    static final String KEY_C = "key-of-client-c-0123456789";
    static final OpsConfig KEYS = OpsConfig.DEFAULTS.withApiKeys(
            ApiKeys.fromEnvironment("a:" + KEY_A + ",b:" + KEY_B + ",c:" + KEY_C));

    private static String sentences(String word, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(word).append(' ').append(i).append(".\n\n");
        }
        return b.toString();
    }

    private static String json(String text, int beams, int maxLength) {
        return new com.google.gson.Gson().toJson(java.util.Map.of("text", text, "beams", beams, "maxLength", maxLength));
    }

    private static CompletableFuture<HttpResponse<String>> async(TestServer server, String key, String body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return key == null ? server.postJson("/v1/translate", body)
                        : server.send("POST", "/v1/translate", "application/json", body, "Authorization", "Bearer " + key);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void await(IntSupplier value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, value.getAsInt());
    }

    @Test
    void aOneSentenceRequestOfAnotherKeyIsServedInTheNextBatchNotAfterTheBigRequests() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.hold();
        // batches of 2 sentences: clients take turns (a, b); were every request its own turn, or every
        // request one client, the small one would wait for a turn of each of a's two requests
        try (TestServer server = TestServer.start(engine, ServiceConfig.DEFAULTS.withBatch(2, 4096, 0), HttpConfig.DEFAULTS,
                KEYS, () -> true)) {
            var blocker = async(server, KEY_C, json("حاجز.", 1, 64));
            assertTrue(engine.awaitFirstBatch(5000));
            var big = async(server, KEY_A, json(sentences("كبير", 10), 1, 64));
            await(server.service::queuedSentences, 10);
            var big2 = async(server, KEY_A, json(sentences("ضخم", 10), 1, 64));
            await(server.service::queuedSentences, 20);
            var small = async(server, KEY_B, json("صغير.", 1, 64));
            await(server.service::queuedSentences, 21);
            engine.release();
            for (var r : List.of(blocker, big, big2, small)) {
                assertEquals(200, r.get(10, TimeUnit.SECONDS).statusCode());
            }
            List<List<String>> batches = engine.batches();
            assertEquals(List.of("كبير 0.", "صغير."), batches.get(1), "the small request shares the first batch after "
                    + "the blocker with client a: " + batches);
        } finally {
            engine.release();
        }
    }

    @Test
    void aRequestOverTheCostCapIs422NamingTheLimitAndItsCostAndNothingIsTranslated() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (TestServer server = TestServer.start(engine, ServiceConfig.DEFAULTS,
                HttpConfig.DEFAULTS.withMaxRequestCost(1000), () -> true)) {
            String message = assertError(server.postJson("/v1/translate", json(sentences("جملة", 3), 4, 100)), 422,
                    "request_too_costly");
            assertTrue(message.contains("1200") && message.contains("1000") && message.contains("3 distinct sentences")
                    && message.contains("beams 4") && message.contains("maxLength 100"), message);
            assertTrue(engine.batches().isEmpty(), "nothing was queued");
            HttpResponse<String> streamed = server.send("POST", "/v1/translate", "application/json",
                    json(sentences("جملة", 3), 4, 100), "Accept", "application/x-ndjson");
            assertTrue(assertError(streamed, 422, "request_too_costly").contains("1200"), "a stream is refused before it starts");
            assertEquals(200, server.postJson("/v1/translate", json(sentences("جملة", 2), 4, 100)).statusCode());
            // the same sentence twice is translated once, and counted once
            assertEquals(200, server.postJson("/v1/translate", json("مكرر.\n\nمكرر.\n\nمكرر.", 4, 250)).statusCode());
        }
    }

    @Test
    void theDefaultCostCapRefusesFourHundredSentencesAtBeamsEightAndMaxLength512() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (TestServer server = TestServer.start(engine)) {
            String message = assertError(server.postJson("/v1/translate", json(sentences("جملة", 400), 8, 512)), 422,
                    "request_too_costly");
            assertTrue(message.contains("1638400") && message.contains("1048576"), message);
            assertTrue(engine.batches().isEmpty());
        }
    }

    @Test
    void aClientOverItsInProgressLimitGets429WithRetryAfterWhileOtherClientsAreServed() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.hold();
        try (TestServer server = TestServer.start(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0),
                HttpConfig.DEFAULTS.withMaxClientRequests(2), KEYS, () -> true)) {
            List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
            held.add(async(server, KEY_A, json("أولى.", 1, 64)));
            assertTrue(engine.awaitFirstBatch(5000));
            held.add(async(server, KEY_A, json("ثانية.", 1, 64)));
            await(server.service::queuedSentences, 1);
            HttpResponse<String> third = server.send("POST", "/v1/translate", "application/json", json("ثالثة.", 1, 64),
                    "Authorization", "Bearer " + KEY_A);
            String message = assertError(third, 429, "too_many_requests");
            assertTrue(message.contains("2"), message);
            assertEquals("1", third.headers().firstValue("Retry-After").orElse(null));
            held.add(async(server, KEY_B, json("من عميل آخر.", 1, 64)));
            await(server.service::queuedSentences, 2);
            engine.release();
            for (var r : held) {
                assertEquals(200, r.get(10, TimeUnit.SECONDS).statusCode());
            }
            assertEquals(200, server.send("POST", "/v1/translate", "application/json", json("رابعة.", 1, 64),
                    "Authorization", "Bearer " + KEY_A).statusCode(), "slots are given back when requests finish");
        } finally {
            engine.release();
        }
    }

    @Test
    void withoutKeysTheRemoteAddressIsTheClient() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.hold();
        try (TestServer server = TestServer.start(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0),
                HttpConfig.DEFAULTS.withMaxClientRequests(1), () -> true)) {
            var first = async(server, null, json("أولى.", 1, 64));
            assertTrue(engine.awaitFirstBatch(5000));
            assertError(server.postJson("/v1/translate", json("ثانية.", 1, 64)), 429, "too_many_requests");
            engine.release();
            assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        } finally {
            engine.release();
        }
    }

    @Test
    void aSlotIsFreeAgainAsSoonAsTheAnswerArrivesEvenWhenTheRequestFailed() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (TestServer server = TestServer.start(engine, ServiceConfig.DEFAULTS,
                HttpConfig.DEFAULTS.withMaxClientRequests(1).withMaxRequestCost(1000), () -> true)) {
            for (int i = 0; i < 10; i++) {
                assertError(server.postJson("/v1/translate", json(sentences("جملة " + i, 3), 4, 100)), 422,
                        "request_too_costly");
                assertEquals(200, server.postJson("/v1/translate", json("جملة " + i + ".", 1, 64)).statusCode());
                assertEquals(200, server.send("POST", "/v1/translate", "application/json", json("نص " + i + ".", 1, 64),
                        "Accept", "application/x-ndjson").statusCode());
            }
        }
    }
}
