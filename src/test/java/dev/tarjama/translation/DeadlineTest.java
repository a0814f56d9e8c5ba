package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    private static final DecodeOptions OPTS = new DecodeOptions(1, 64);

    @Test
    void aTimedOutRequestsQueuedSentencesAreWithdrawnAndNeverReachTheEngine() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.hold();
        AtomicInteger withdrawn = new AtomicInteger();
        try (TranslationService service = new TranslationService(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0))) {
            service.observe(new BatchObserver() {
                @Override
                public void batchDone(int sentences, long sourceTokens, long outputTokens, long nanos, boolean failed) {}

                @Override
                public void sentencesWithdrawn(int sentences) {
                    withdrawn.addAndGet(sentences);
                }
            });
            CompletableFuture<TranslatedDocument> first = CompletableFuture.supplyAsync(() -> service.translate("الأولى.", OPTS));
            assertTrue(engine.awaitFirstBatch(5000));
            long started = System.nanoTime();
            DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
                    () -> service.translateAll(List.of("الثانية. الثالثة."), OPTS, null, Duration.ofMillis(300)));
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertTrue(ms >= 290 && ms < 3000, ms + " ms");
            assertEquals(300, e.timeoutMillis());
            assertEquals(0, service.queuedSentences(), "withdrawn from the queue");
            assertEquals(2, withdrawn.get());
            engine.release();
            assertEquals(FakeEngine.expected("الأولى."), first.get(5, TimeUnit.SECONDS).paragraphs().get(0).translation());
            assertEquals(List.of(List.of("الأولى.")), engine.batches(), "the withdrawn sentences never reached the engine");
            assertEquals(FakeEngine.expected("الثانية."),
                    service.translate("الثانية.", OPTS).paragraphs().get(0).sentences().get(0).translation(),
                    "a withdrawn sentence is not cached as failed");
        } finally {
            engine.release();
        }
    }

    @Test
    void aRequestWaitingForAnotherRequestsWithdrawnSentenceQueuesItAgain() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.hold();
        try (TranslationService service = new TranslationService(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0))) {
            CompletableFuture<TranslatedDocument> blocker = CompletableFuture.supplyAsync(() -> service.translate("حاجز.", OPTS));
            assertTrue(engine.awaitFirstBatch(5000));
            CompletableFuture<Object> owner = CompletableFuture.supplyAsync(() -> {
                try {
                    return service.translateAll(List.of("مشتركة."), OPTS, null, Duration.ofMillis(400));
                } catch (DeadlineExceededException e) {
                    return e;
                }
            });
            Thread.sleep(100); // the owner queued "مشتركة." first
            CompletableFuture<TranslatedDocument> joiner = CompletableFuture.supplyAsync(() -> service.translate("مشتركة.", OPTS));
            assertTrue(owner.get(5, TimeUnit.SECONDS) instanceof DeadlineExceededException);
            assertFalse(joiner.isDone());
            engine.release();
            assertEquals(FakeEngine.expected("مشتركة."), joiner.get(5, TimeUnit.SECONDS).paragraphs().get(0).translation());
            blocker.get(5, TimeUnit.SECONDS);
        } finally {
            engine.release();
        }
    }

    @Test
    void withoutADeadlineNothingChanges() {
        try (TranslationService service = new TranslationService(new FakeEngine())) {
            assertEquals(FakeEngine.expected("جملة."),
                    service.translateAll(List.of("جملة."), OPTS, null, null).get(0).paragraphs().get(0).translation());
        }
    }
}
