package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {
    static final DecodeOptions GREEDY = new DecodeOptions(1, 64);

    /** A loaded fake model whose "native memory" records being closed. */
    record Fake(FakeEngine engine, TranslationService service, AtomicBoolean closed, ModelRegistry.Loaded loaded) {
        static Fake of(String revision, long cost) {
            FakeEngine engine = new FakeEngine();
            engine.setRevision(revision);
            TranslationService service = new TranslationService(engine);
            AtomicBoolean closed = new AtomicBoolean();
            return new Fake(engine, service, closed,
                    new ModelRegistry.Loaded(service, () -> closed.set(true), Map.of("note", revision), cost));
        }
    }

    @Test
    void aRequestInFlightFinishesOnTheReplacedModelWhichIsClosedOnlyAfterwards() throws Exception {
        Fake old = Fake.of("rev-1", 1);
        Fake fresh = Fake.of("rev-2", 1);
        ModelRegistry registry = new ModelRegistry(List.of(new ModelRegistry.Entry("m", Path.of("old"), null, old.loaded())),
                null, (id, dir) -> fresh.loaded());
        old.engine().hold();
        CompletableFuture<TranslatedDocument> inFlight = CompletableFuture.supplyAsync(() -> {
            try (ModelRegistry.Lease lease = registry.acquire("m")) {
                return lease.service().translate("جملة أولى.", GREEDY);
            }
        });
        assertTrue(old.engine().awaitFirstBatch(10_000), "the first request reached the old engine");
        CompletableFuture<Map<String, Object>> reload = CompletableFuture.supplyAsync(
                () -> registry.reload("m", Path.of("new"), Duration.ofSeconds(30)));
        TranslatedDocument next = waitForNewModel(registry);
        assertEquals("rev-2", next.model().revision(), "new requests use the new model at once");
        assertFalse(old.closed().get(), "the old model stays open while a request uses it");
        assertFalse(reload.isDone());
        old.engine().release();
        assertEquals("rev-1", inFlight.get(10, TimeUnit.SECONDS).model().revision(), "the in-flight request finished on the old model");
        assertEquals("rev-2", reload.get(10, TimeUnit.SECONDS).get("revision"));
        assertTrue(old.closed().get(), "the old model's memory is released after its last request");
        assertThrows(IllegalStateException.class, () -> old.service().translate("جملة ثانية.", GREEDY),
                "the old service's workers are stopped");
        registry.close();
        assertTrue(fresh.closed().get());
    }

    private static TranslatedDocument waitForNewModel(ModelRegistry registry) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (ModelRegistry.Lease lease = registry.acquire(null)) {
                if (lease.service().model().revision().equals("rev-2")) {
                    return lease.service().translate("جملة جديدة.", GREEDY);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the reload never swapped the model in");
    }

    @Test
    void aFailedLoadLeavesTheOldModelServing() {
        Fake old = Fake.of("rev-1", 1);
        ModelRegistry registry = new ModelRegistry(List.of(new ModelRegistry.Entry("m", Path.of("old"), null, old.loaded())),
                null, (id, dir) -> {
                    throw new IllegalStateException("model directory " + dir + " is missing: config.json");
                });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry.reload("m", Path.of("broken"), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("broken"));
        try (ModelRegistry.Lease lease = registry.acquire("m")) {
            assertEquals("rev-1", lease.service().translate("جملة.", GREEDY).model().revision());
        }
        assertFalse(old.closed().get());
        registry.close();
    }

    @Test
    void typesGoToTheCostliestAndCheapestModelUnlessSetAndTheDefaultMayBeAType() {
        Fake small = Fake.of("s", 10);
        Fake big = Fake.of("b", 40);
        Fake mid = Fake.of("m", 20);
        ModelRegistry auto = new ModelRegistry(List.of(new ModelRegistry.Entry("small", null, null, small.loaded()),
                new ModelRegistry.Entry("big", null, null, big.loaded()),
                new ModelRegistry.Entry("mid", null, null, mid.loaded())), "quality_optimized", null);
        assertEquals("big", auto.idFor(ModelRegistry.Tier.QUALITY));
        assertEquals("small", auto.idFor(ModelRegistry.Tier.LATENCY));
        assertEquals("big", auto.defaultId());
        assertThrows(IllegalStateException.class, () -> auto.reload("big", null, Duration.ZERO), "no loader");
        ModelRegistry set = new ModelRegistry(List.of(new ModelRegistry.Entry("small", null, null, Fake.of("s", 10).loaded()),
                new ModelRegistry.Entry("mid", null, ModelRegistry.Tier.QUALITY, Fake.of("m", 20).loaded()),
                new ModelRegistry.Entry("big", null, null, Fake.of("b", 40).loaded())), null, null);
        assertEquals("mid", set.idFor(ModelRegistry.Tier.QUALITY));
        assertEquals("small", set.defaultId());
        assertThrows(IllegalArgumentException.class, () -> set.acquire("nope"));
        auto.close();
        set.close();
        assertThrows(IllegalStateException.class, () -> set.acquire("small"), "a closed registry gives no leases");
    }
}
