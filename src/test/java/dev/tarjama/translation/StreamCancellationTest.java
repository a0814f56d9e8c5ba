package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A streaming client that goes away cancels the rest of its article's work. */
class StreamCancellationTest {
    private static final DecodeOptions OPTS = new DecodeOptions(1, 64);

    @Test
    void aSinkThatFailsWithdrawsTheArticlesQueuedSentences() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (TranslationService service = new TranslationService(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0))) {
            service.translate("الأولى.", OPTS); // paragraph 1 will come from the cache at once
            engine.hold();
            CompletableFuture<TranslatedDocument> blocker = CompletableFuture.supplyAsync(() -> service.translate("حاجز.", OPTS));
            assertTrue(engine.awaitFirstBatch(5000));
            RuntimeException gone = new RuntimeException("client disconnected");
            assertThrows(RuntimeException.class, () -> service.translateStream("الأولى.\nالثانية.\nالثالثة.", OPTS, null, null,
                    paragraph -> {
                        throw gone;
                    }));
            assertEquals(0, service.queuedSentences(), "paragraphs 2 and 3 left the queue");
            engine.release();
            blocker.get(5, TimeUnit.SECONDS);
            for (List<String> batch : engine.batches()) {
                assertFalse(batch.contains("الثانية.") || batch.contains("الثالثة."), "withdrawn work reached the engine: " + batch);
            }
        } finally {
            engine.release();
        }
    }
}
