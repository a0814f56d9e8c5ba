package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One client must not starve the others: the order of engine batches when a small request is queued
 * behind a big one, from another client or from the same one. The engine is held while the queue is
 * filled, so the batches are formed from a known queue (no timing involved).
 */
class FairSchedulingTest {
    static final DecodeOptions GREEDY = new DecodeOptions(1, 32);
    static final DecodeOptions WIDE = new DecodeOptions(8, 512);

    /** Batches of at most 4 decoder rows, formed at once. */
    static final ServiceConfig CONFIG = ServiceConfig.DEFAULTS.withBatch(4, 4096, 0);

    private static List<Batcher.Item> items(String prefix, int n, DecodeOptions options) {
        List<Batcher.Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new Batcher.Item(prefix + " " + i, 2, options));
        }
        return items;
    }

    /** Index of the first engine batch holding a sentence that starts with {@code prefix}. */
    private static int firstBatchWith(FakeEngine engine, String prefix) {
        List<List<String>> batches = engine.batches();
        for (int i = 0; i < batches.size(); i++) {
            if (batches.get(i).stream().anyMatch(s -> s.startsWith(prefix))) {
                return i;
            }
        }
        return -1;
    }

    /** Holds the engine on a first batch, runs {@code fill} while it is held, then lets everything through. */
    private static void withEngineHeld(FakeEngine engine, Batcher batcher, Runnable fill) throws Exception {
        engine.hold();
        List<CompletableFuture<EngineResult>> all = new ArrayList<>(batcher.submit("client-0", items("blocker", 1, GREEDY)));
        assertTrue(engine.awaitFirstBatch(5000), "the blocker reached the engine");
        fill.run();
        engine.release();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (batcher.queued() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aOneSentenceRequestFromAnotherClientGoesInTheNextBatchNotAfterTheBigRequest() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (Batcher batcher = new Batcher(engine, CONFIG)) {
            List<CompletableFuture<EngineResult>> futures = new ArrayList<>();
            withEngineHeld(engine, batcher, () -> {
                futures.addAll(batcher.submit("client-a", items("big", 40, GREEDY)));
                futures.addAll(batcher.submit("client-b", items("small", 1, GREEDY)));
            });
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            // batch 0 is the blocker; FIFO would serve the small one in batch 10 (after 40 big sentences / 4)
            assertEquals(1, firstBatchWith(engine, "small"), engine.batches().toString());
            assertEquals(42, engine.translatedSentences());
        }
    }

    @Test
    void aSmallRequestWithOtherDecodingOptionsLeadsItsOwnBatchAfterOneBatchOfTheBigOne() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (Batcher batcher = new Batcher(engine, ServiceConfig.DEFAULTS.withBatch(16, 4096, 0))) {
            List<CompletableFuture<EngineResult>> futures = new ArrayList<>();
            withEngineHeld(engine, batcher, () -> {
                futures.addAll(batcher.submit("client-a", items("wide", 20, WIDE))); // 2 sentences a batch at beam 8
                futures.addAll(batcher.submit("client-b", items("small", 1, GREEDY)));
            });
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            int small = firstBatchWith(engine, "small");
            assertTrue(small >= 1 && small <= 2, "small request in batch " + small + ": " + engine.batches());
            assertEquals(List.of("small 0"), engine.batches().get(small));
            assertEquals(GREEDY, engine.batchOptions().get(small));
            engine.batches().stream().filter(b -> b.get(0).startsWith("wide"))
                    .forEach(b -> assertTrue(b.size() <= 2, "beam 8 batches hold at most 16 / 8 sentences: " + b));
        }
    }

    @Test
    void requestsOfOneClientTakeTurnsSoItsSmallRequestDoesNotWaitForItsBigOne() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (Batcher batcher = new Batcher(engine, CONFIG)) {
            List<CompletableFuture<EngineResult>> futures = new ArrayList<>();
            withEngineHeld(engine, batcher, () -> {
                futures.addAll(batcher.submit("client-a", items("big", 40, GREEDY)));
                futures.addAll(batcher.submit("client-a", items("second", 2, GREEDY)));
            });
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertEquals(List.of("big 0", "second 0", "big 1", "second 1"), engine.batches().get(1),
                    "one sentence per request in turn; each request keeps its order");
        }
    }

    @Test
    void threeClientsShareEachBatchOneSentenceEachInTurn() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (Batcher batcher = new Batcher(engine, ServiceConfig.DEFAULTS.withBatch(6, 4096, 0))) {
            List<CompletableFuture<EngineResult>> futures = new ArrayList<>();
            withEngineHeld(engine, batcher, () -> {
                futures.addAll(batcher.submit("a", items("a", 10, GREEDY)));
                futures.addAll(batcher.submit("b", items("b", 10, GREEDY)));
                futures.addAll(batcher.submit("c", items("c", 10, GREEDY)));
            });
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            for (List<String> batch : engine.batches().subList(1, 5)) {
                for (String client : List.of("a", "b", "c")) {
                    assertEquals(2, batch.stream().filter(s -> s.startsWith(client + " ")).count(), batch.toString());
                }
            }
        }
    }

    @Test
    void aClientArrivingWhileAnotherLeadsIsServedBeforeThatClientLeadsAgain() throws Exception {
        FakeEngine engine = new FakeEngine();
        DecodeOptions beam2 = new DecodeOptions(2, 32);
        try (Batcher batcher = new Batcher(engine, CONFIG)) {
            List<CompletableFuture<EngineResult>> futures = new ArrayList<>();
            engine.hold();
            futures.addAll(batcher.submit("a", items("a", 12, GREEDY)));
            assertTrue(engine.awaitFirstBatch(5000), "client a leads the first batch");
            futures.addAll(batcher.submit("b", items("b", 1, beam2)));
            engine.release();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertEquals(List.of("b 0"), engine.batches().get(1), engine.batches().toString());
        }
    }

    @Test
    void theServiceRefusesARequestOverItsCallersCostCapBeforeQueueingAnythingCountingDistinctSentences() {
        FakeEngine engine = new FakeEngine();
        try (TranslationService service = new TranslationService(engine, ServiceConfig.DEFAULTS)) {
            Caller capped = new Caller("a", 3 * 2 * 10);
            DecodeOptions options = new DecodeOptions(2, 10);
            RequestTooCostlyException e = assertThrows(RequestTooCostlyException.class, () -> service.translateAll(
                    List.of("جملة أولى.\n\nجملة ثانية.", "جملة ثالثة.\n\nجملة رابعة."), options, null, null, capped));
            assertEquals(4, e.sentences());
            assertEquals(80, e.cost());
            assertEquals(60, e.limit());
            assertTrue(engine.batches().isEmpty(), "nothing reached the engine");
            assertThrows(RequestTooCostlyException.class, () -> service.translateStream(
                    "جملة أولى.\n\nجملة ثانية.\n\nجملة ثالثة.\n\nجملة رابعة.", options, null, null, capped, p -> { }));
            List<TranslatedDocument> docs = service.translateAll(
                    List.of("جملة أولى.\n\nجملة ثانية.", "جملة أولى.\n\nجملة ثالثة."), options, null, null, capped);
            assertEquals(2, docs.size(), "3 distinct sentences cost 60: admitted");
            assertEquals(3, engine.translatedSentences());
        }
    }

    @Test
    void withdrawingOneClientsRequestLeavesTheOthersQueuedAndServed() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (Batcher batcher = new Batcher(engine, CONFIG)) {
            List<CompletableFuture<EngineResult>> kept = new ArrayList<>();
            withEngineHeld(engine, batcher, () -> {
                List<CompletableFuture<EngineResult>> gone = batcher.submit("a", items("a", 6, GREEDY));
                kept.addAll(batcher.submit("b", items("b", 3, GREEDY)));
                kept.addAll(batcher.submit("a", items("a2", 2, GREEDY)));
                assertEquals(11, batcher.queued());
                assertEquals(6, batcher.withdraw(gone));
                assertEquals(5, batcher.queued());
                gone.forEach(f -> assertTrue(f.isCompletedExceptionally()));
            });
            CompletableFuture.allOf(kept.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertEquals(List.of("a2 0", "b 0", "a2 1", "b 1"), engine.batches().get(1));
            assertEquals(List.of("b 2"), engine.batches().get(2));
            assertEquals(0, batcher.queued());
        }
    }

    @Test
    void whenOneClientFillsTheQueueAnotherClientWithNothingWaitingIsStillAdmitted() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (Batcher batcher = new Batcher(engine, CONFIG.withQueueCapacity(8))) {
            List<CompletableFuture<EngineResult>> futures = new ArrayList<>();
            withEngineHeld(engine, batcher, () -> {
                futures.addAll(batcher.submit("a", items("a", 8, GREEDY)));
                assertThrows(ServiceOverloadedException.class, () -> batcher.submit("a", items("a2", 1, GREEDY)),
                        "the client that filled the queue waits for room");
                futures.addAll(batcher.submit("b", items("b", 2, GREEDY)));
                assertThrows(ServiceOverloadedException.class, () -> batcher.submit("b", items("b2", 1, GREEDY)),
                        "the reserve is for clients with nothing waiting");
                assertThrows(ServiceOverloadedException.class, () -> batcher.submit("c", items("c", 3, GREEDY)),
                        "the reserve is a quarter of the capacity");
                assertEquals(10, batcher.queued());
            });
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertEquals(List.of("a 0", "b 0", "a 1", "b 1"), engine.batches().get(1));
        }
    }
}
