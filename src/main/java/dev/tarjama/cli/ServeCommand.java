package dev.tarjama.cli;

import dev.tarjama.http.HttpApi;
import dev.tarjama.http.HttpConfig;
import dev.tarjama.http.OpsConfig;
import dev.tarjama.model.MarianConfig;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.model.ModelLoadException;
import dev.tarjama.store.SharedState;
import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.MarianEngine;
import dev.tarjama.translation.MarianTranslator;
import dev.tarjama.translation.ModelRegistry;
import dev.tarjama.translation.ServiceConfig;
import dev.tarjama.translation.TranslationService;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code serve --model DIR [options]} (see {@link ServeOptions#TABLE}): loads the model, starts the
 * HTTP API, runs a warm-up translation and only then reports ready. On SIGTERM (shutdown hook) it
 * turns unready at once (new translation requests get 503), lets in-flight requests finish for up
 * to the drain timeout, then stops HTTP, the batch workers and releases the model's native memory.
 */
public final class ServeCommand {
    private ServeCommand() {}

    /** How long start-up waits for the shared store's first answer before serving without it (degraded). */
    static final Duration STORE_WAIT = Duration.ofSeconds(15);

    /** A running server and what it owns; {@link #close()} shuts it down in order. */
    public static final class Server implements AutoCloseable {
        private final Javalin http;
        private final HttpApi api;
        private final TranslationService service;
        private final AutoCloseable model;
        private final AtomicBoolean ready;
        private final Duration drainTimeout;
        private final AtomicBoolean closed = new AtomicBoolean();
        private AutoCloseable sharedState = () -> { };

        /** @param model what holds the model's native memory; closed last */
        Server(Javalin http, HttpApi api, TranslationService service, AutoCloseable model, AtomicBoolean ready,
                Duration drainTimeout) {
            this.http = http;
            this.api = api;
            this.service = service;
            this.model = model;
            this.ready = ready;
            this.drainTimeout = drainTimeout;
        }

        public int port() {
            return http.port();
        }

        public boolean ready() {
            return ready.get();
        }

        /** The served models, e.g. {@code fast (default, latency_optimized), best (quality_optimized)}. */
        public String models() {
            return model instanceof ModelRegistry r ? r.summary() : "";
        }

        /** The served models (what SIGHUP reloads). */
        ModelRegistry registry() {
            return model instanceof ModelRegistry r ? r : null;
        }

        /** The HTTP API (metrics, in-flight count). */
        public HttpApi api() {
            return api;
        }

        /**
         * Graceful shutdown: readiness false first, then waits up to the drain timeout for in-flight
         * requests, then stops HTTP, the batch workers and the model (native memory), in that order.
         *
         * @return true when every in-flight request finished within the drain timeout
         */
        public boolean shutdown() {
            if (!closed.compareAndSet(false, true)) {
                return true;
            }
            ready.set(false);
            boolean drained;
            try {
                drained = api.awaitIdle(drainTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drained = false;
            }
            api.closeUploads(); // slow senders have started no work; they must not hold the stop
            try {
                http.stop();
            } finally {
                try {
                    service.close();
                    sharedState.close();
                } catch (Exception e) {
                    System.getLogger("tarjama").log(System.Logger.Level.WARNING, "closing the shared store: " + e.getMessage());
                } finally {
                    try {
                        model.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("releasing the model failed: " + e.getMessage(), e);
                    }
                }
            }
            return drained;
        }

        @Override
        public void close() {
            shutdown();
        }
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) throws InterruptedException {
        ServeOptions options = ServeOptions.parse(argv, System.getenv());
        ModelSet models = ModelSet.parse(argv, System.getenv());
        if (options.threads() != null) {
            // read by the PyTorch engine when it starts, which is below (no DJL class has loaded yet)
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(options.threads()));
        }
        if (System.getProperty("org.slf4j.simpleLogger.log." + "tarjama.access") == null) {
            System.setProperty("org.slf4j.simpleLogger.log." + "tarjama.access", "info");
        }
        HeapAdvice.check().ifPresent(err::println);
        if (System.getProperty("org.slf4j.simpleLogger.log.io.lettuce.core") == null) {
            // Lettuce logs each failed reconnect (twice a second while Redis is down); the store's health logs an outage once
            System.setProperty("org.slf4j.simpleLogger.log.io.lettuce.core", "error");
        }
        Server server = start(options, models);
        out.println("tarjama: serving " + (models.configured() ? server.models() : options.model()) + " on http://" + options.host() + ":" + server.port()
                + " (ready=" + server.ready() + ", api keys " + (options.ops().apiKeys().enabled()
                ? options.ops().apiKeys().size() : "off") + ")");
        dev.tarjama.model.DjlRuntime.EngineThreads engine = dev.tarjama.model.DjlRuntime.startEngine();
        out.println("tarjama: engine: " + engine.intraOp() + " intra-op thread(s), " + options.slices()
                + " slice(s) per engine call, " + options.service().workers() + " batch worker(s), precision "
                + options.precision().label() + (models.specs().stream().anyMatch(m -> m.precision() != null)
                        ? " (some models set their own)" : "") + "; oneMKL: "
                + engine.mkl().detail());
        if (!options.store().embedded()) {
            out.println("tarjama: shared store: " + dev.tarjama.store.StoreSettings.redacted(options.store().uri()));
        }
        out.flush();
        if (server.model instanceof ModelRegistry registry) {
            ReloadOnHangup.install(registry, options.ops().requestTimeout(), err);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("tarjama: shutting down: draining in-flight requests (up to " + options.drainTimeout().toSeconds() + " s)");
            boolean drained = server.shutdown();
            err.println("tarjama: stopped" + (drained ? "" : " (some requests did not finish within the drain timeout)"));
            stopped.countDown();
        }, "tarjama-shutdown"));
        stopped.await();
        return 0;
    }

    /** Loads the model, starts HTTP, warms up; returns once ready (or throws). */
    public static Server start(Path modelDir, String host, int port, ServiceConfig serviceConfig, HttpConfig httpConfig) {
        return start(new ServeOptions(modelDir, host, port, null, 1, serviceConfig, httpConfig, OpsConfig.DEFAULTS,
                Duration.ofSeconds(25), false, null, dev.tarjama.review.ReviewPolicy.defaults().minScore()));
    }

    /** Loads the model, starts HTTP, warms up; returns once ready (or throws). */
    public static Server start(ServeOptions options) {
        return start(options, new ModelSet(java.util.List.of(), null));
    }

    /** Loads the models, starts HTTP, warms each up; returns once ready (or throws). */
    static Server start(ServeOptions options, ModelSet models) {
        options.checkExposure();
        long loadStarted = System.nanoTime();
        // no model named: models/opus-mt-ar-en when present, else one message on how to get a model
        SharedState state;
        try {
            state = SharedState.open(options.store(), options.glossaryDir());
        } catch (RuntimeException e) {
            throw new IllegalStateException("glossary directory " + options.glossaryDir() + ": " + e.getMessage(), e);
        }
        ModelRegistry registry;
        try {
            registry = ServedModels.load(options, models, state);
        } catch (RuntimeException e) {
            closeQuietly(state);
            throw e;
        }
        long loadNanos = System.nanoTime() - loadStarted;
        TranslationService service = registry.service(registry.defaultId());
        AtomicBoolean ready = new AtomicBoolean(false);
        HttpApi api = new HttpApi(registry, ready::get, () -> registry.info(registry.defaultId()), options.http(),
                options.ops(), state.glossaries(), state.quotas(), state.health());
        api.metrics().modelLoaded(loadNanos);
        Javalin http;
        try {
            http = api.start(options.host(), options.port());
        } catch (RuntimeException e) {
            registry.close();
            closeQuietly(state);
            throw e;
        }
        Server server = new Server(http, api, service, registry, ready, options.drainTimeout());
        server.sharedState = state;
        try {
            state.awaitStore(STORE_WAIT); // not answering by then: serve degraded, reconnect in the background
            for (String id : registry.ids()) {
                ServedModels.warmUp(registry.service(id));
            }
            ready.set(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("warm-up translation failed: " + e.getMessage(), e);
        }
        return server;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing
        }
    }

    /**
     * What {@code GET /v1/model} shows: names, never absolute paths; the revision is the translator's
     * (the directory's plus {@code +bf16} / {@code +int8}), next to the precision it computes in.
     */
    static Map<String, Object> modelInfo(MarianTranslator translator) {
        ModelDirectory dir = translator.directory();
        MarianConfig c = dir.config();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("dModel", c.dModel());
        config.put("encoderLayers", c.encoderLayers());
        config.put("decoderLayers", c.decoderLayers());
        config.put("heads", c.encoderHeads());
        config.put("ffn", c.encoderFfnDim());
        config.put("vocabSize", c.vocabSize());
        config.put("maxPositions", c.maxPositions());
        config.put("activation", c.activation().name().toLowerCase(java.util.Locale.ROOT));
        config.put("numBeams", c.generation().numBeams());
        config.put("maxLength", c.generation().maxLength());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", dir.id());
        info.put("revision", translator.revision());
        info.put("precision", translator.precision().label());
        info.put("weights", dir.weightsFile().getFileName().toString());
        info.put("files", dir.files().stream().map(f -> f.getFileName().toString()).toList());
        info.put("config", config);
        return info;
    }
}
