package dev.tarjama.archive;

import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.review.ReviewPolicy;
import dev.tarjama.translation.MarianEngine;
import dev.tarjama.translation.MarianTranslator;
import dev.tarjama.translation.ServiceConfig;
import dev.tarjama.translation.TranslationService;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TranslationService} per executor JVM and model directory, created by the first task that
 * needs it and shared by every task thread after it: one copy of the weights in memory, one sentence
 * cache, and the concurrent tasks' sentences batched together by the service. Never closed: it lives
 * as long as the executor.
 */
final class ExecutorServices {
    /** Sentences waiting for the engine, over all of an executor's tasks: large, tasks bound it themselves. */
    static final int QUEUE_CAPACITY = 1_000_000;

    private record Key(Path dir, int workers, int slices) {}

    private static final ConcurrentHashMap<Key, TranslationService> SERVICES = new ConcurrentHashMap<>();

    private ExecutorServices() {}

    /**
     * The JVM's service for {@code modelDir} (relative paths are resolved against the working
     * directory), loading the model on first use; concurrent first callers wait for the one load.
     *
     * @param workers engine calls running at once (the executor's task slots)
     * @param slices parts each engine batch is split into
     */
    static TranslationService get(String modelDir, int workers, int slices) {
        Key key = new Key(Path.of(modelDir).toAbsolutePath().normalize(), workers, slices);
        return SERVICES.computeIfAbsent(key, ExecutorServices::load);
    }

    private static TranslationService load(Key key) {
        // one intra-op thread per engine call: the executor's cores are used by concurrent workers
        DjlRuntime.configure(1);
        ModelDirectory dir = ModelDirectory.open(key.dir());
        MarianTranslator translator = MarianTranslator.load(dir, key.slices());
        DjlRuntime.startEngine();
        ServiceConfig config = ServiceConfig.DEFAULTS.withWorkers(key.workers()).withQueueCapacity(QUEUE_CAPACITY);
        return new TranslationService(new MarianEngine(translator), config, ReviewPolicy.defaults());
    }
}
