package dev.tarjama.cli;

import dev.tarjama.http.HttpApi;
import dev.tarjama.http.HttpConfig;
import dev.tarjama.model.MarianConfig;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.MarianEngine;
import dev.tarjama.translation.MarianTranslator;
import dev.tarjama.translation.ServiceConfig;
import dev.tarjama.translation.TranslationService;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code serve --model DIR [--port 8080] [--host 127.0.0.1]}: loads the model, starts the HTTP API,
 * runs a warm-up translation and only then reports ready; on SIGTERM turns unready, drains and
 * releases the model's native memory.
 */
public final class ServeCommand {
    private ServeCommand() {}

    /** A running server and what it owns; {@link #close()} shuts it down in order. */
    public static final class Server implements AutoCloseable {
        private final Javalin http;
        private final TranslationService service;
        private final MarianTranslator translator;
        private final AtomicBoolean ready;

        Server(Javalin http, TranslationService service, MarianTranslator translator, AtomicBoolean ready) {
            this.http = http;
            this.service = service;
            this.translator = translator;
            this.ready = ready;
        }

        public int port() {
            return http.port();
        }

        public boolean ready() {
            return ready.get();
        }

        @Override
        public void close() {
            ready.set(false);
            http.stop();
            service.close();
            translator.close();
        }
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) throws InterruptedException {
        Args args = Args.parse("serve", argv, 1, Set.of("model", "port", "host"), Set.of());
        String host = args.value("host").orElse("127.0.0.1");
        int port = args.intValue("port", 0, 65535).orElse(8080);
        Path model = Path.of(args.value("model").orElseThrow(
                () -> new Args.UsageException("serve: --model DIR is required (try --model models/tiny-ar-en)")));
        Server server = start(model, host, port, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS);
        out.println("tarjama: serving " + model + " on http://" + host + ":" + server.port() + " (ready="
                + server.ready() + ")");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tarjama-shutdown"));
        stopped.await();
        return 0;
    }

    /** Loads the model, starts HTTP, warms up; returns once ready (or throws). */
    public static Server start(Path modelDir, String host, int port, ServiceConfig serviceConfig, HttpConfig httpConfig) {
        ModelDirectory dir = ModelDirectory.open(modelDir);
        MarianTranslator translator = MarianTranslator.load(dir);
        MarianEngine engine = new MarianEngine(translator);
        TranslationService service = new TranslationService(engine, serviceConfig);
        AtomicBoolean ready = new AtomicBoolean(false);
        Map<String, Object> info = modelInfo(dir);
        Javalin http = new HttpApi(service, ready::get, () -> info, httpConfig).start(host, port);
        Server server = new Server(http, service, translator, ready);
        try {
            service.translate("مرحبا.", new DecodeOptions(1, 16));
            ready.set(true);
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("warm-up translation failed: " + e.getMessage(), e);
        }
        return server;
    }

    static Map<String, Object> modelInfo(ModelDirectory dir) {
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
        info.put("revision", dir.revision());
        info.put("weights", dir.weightsFile().getFileName().toString());
        info.put("files", dir.files().stream().map(f -> f.getFileName().toString()).toList());
        info.put("config", config);
        return info;
    }
}
