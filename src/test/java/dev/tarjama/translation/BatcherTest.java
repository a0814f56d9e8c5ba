package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatcherTest {
    static final DecodeOptions OPTS = new DecodeOptions(1, 32);

    static Batcher.Item item(String s, FakeEngine engine, DecodeOptions o) {
        return new Batcher.Item(s, engine.tokenCount(s), o);
    }

    @Test
    void groupsQueuedSentencesIntoBatchesLimitedBySentenceCountAndSortedByLength() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (Batcher batcher = new Batcher(engine, ServiceConfig.DEFAULTS.withBatch(4, 4096, 200))) {
            List<Batcher.Item> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                items.add(item("كلمة ".repeat(1 + (i * 7) % 5).strip(), engine, OPTS));
            }
            List<CompletableFuture<EngineResult>> futures = batcher.submit(items);
            for (int i = 0; i < 10; i++) {
                assertEquals(FakeEngine.expected(items.get(i).sentence()), futures.get(i).get(5, TimeUnit.SECONDS).translation());
            }
            List<Integer> sizes = engine.batches().stream().map(List::size).toList();
            assertEquals(List.of(4, 4, 2), sizes);
            for (List<String> batch : engine.batches()) {
                for (int i = 1; i < batch.size(); i++) {
                    assertTrue(engine.tokenCount(batch.get(i - 1)) >= engine.tokenCount(batch.get(i)), batch.toString());
                }
            }
        }
    }

    @Test
    void batchesStayUnderTheTokenBudget() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (Batcher batcher = new Batcher(engine, ServiceConfig.DEFAULTS.withBatch(32, 7, 200))) {
            List<Batcher.Item> items = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                items.add(item("أ ب " + i, engine, OPTS)); // 3 tokens each
            }
            List<CompletableFuture<EngineResult>> futures = batcher.submit(items);
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertEquals(List.of(2, 2, 2), engine.batches().stream().map(List::size).toList());
        }
    }

    @Test
    void aBatchHoldsOnlySentencesWithTheSameOptions() throws Exception {
        FakeEngine engine = new FakeEngine();
        DecodeOptions other = new DecodeOptions(4, 32);
        try (Batcher batcher = new Batcher(engine, ServiceConfig.DEFAULTS.withBatch(32, 4096, 200))) {
            List<CompletableFuture<EngineResult>> futures = batcher.submit(List.of(
                    item("أ", engine, OPTS), item("ب", engine, other), item("ج", engine, OPTS)));
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertEquals(List.of(List.of("أ", "ج"), List.of("ب")), engine.batches());
            assertEquals(List.of(OPTS, other), engine.batchOptions());
        }
    }

    @Test
    void engineFailureFailsOnlyTheFuturesOfItsBatch() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (Batcher batcher = new Batcher(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0))) {
            List<CompletableFuture<EngineResult>> futures = batcher.submit(List.of(
                    item("سليم", engine, OPTS), item("FAIL", engine, OPTS), item("سليم أيضا", engine, OPTS)));
            assertEquals(FakeEngine.expected("سليم"), futures.get(0).get(5, TimeUnit.SECONDS).translation());
            ExecutionException e = assertThrows(ExecutionException.class, () -> futures.get(1).get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof TranslationFailedException);
            assertEquals(FakeEngine.expected("سليم أيضا"), futures.get(2).get(5, TimeUnit.SECONDS).translation());
        }
    }

    @Test
    void refusesWorkThatDoesNotFitAndAdmitsNothingOfIt() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.hold();
        try (Batcher batcher = new Batcher(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0).withQueueCapacity(2))) {
            batcher.submit(List.of(item("أ", engine, OPTS)));
            assertTrue(engine.awaitFirstBatch(5000));
            batcher.submit(List.of(item("ب", engine, OPTS)));
            assertThrows(ServiceOverloadedException.class,
                    () -> batcher.submit(List.of(item("ج", engine, OPTS), item("د", engine, OPTS))));
            assertEquals(1, batcher.queued());
            engine.release();
        } finally {
            engine.release();
        }
    }

    @Test
    void closingFailsQueuedWork() {
        FakeEngine engine = new FakeEngine();
        engine.hold();
        Batcher batcher = new Batcher(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0));
        List<CompletableFuture<EngineResult>> futures = batcher.submit(List.of(item("أ", engine, OPTS), item("ب", engine, OPTS)));
        engine.release();
        batcher.close();
        futures.forEach(f -> assertTrue(f.isDone()));
        assertThrows(IllegalStateException.class, () -> batcher.submit(List.of(item("ج", engine, OPTS))));
    }

    @Test
    void aWorkerReportsEachPauseAfterWorkOnceSoTheEngineCanReleaseMemory() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (Batcher batcher = new Batcher(engine, ServiceConfig.DEFAULTS.withBatch(4, 4096, 0), 100)) {
            Thread.sleep(400);
            assertEquals(0, engine.idles(), "no pause is reported before any work");
            batcher.submit(List.of(item("جملة أولى", engine, OPTS))).get(0).get(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (engine.idles() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, engine.idles());
            Thread.sleep(500);
            assertEquals(1, engine.idles(), "one report per pause, not one per wait");
            batcher.submit(List.of(item("جملة ثانية", engine, OPTS))).get(0).get(5, TimeUnit.SECONDS);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (engine.idles() == 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, engine.idles());
        }
    }
}
