package dev.tarjama.cli;

import dev.tarjama.bench.FairnessBench;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench --fairness [--model DIR] [--sentences FILE] [--heavy N] [--heavy-beams N]
 * [--heavy-max-length N] [--light N] [--interval MS] [--light-beams N] [--light-max-length N]}:
 * starts the service in-process on 127.0.0.1 (API keys "heavy" and "light", cache off, one
 * worker), then runs {@link FairnessBench}: one big request from "heavy", and one-sentence requests
 * from "light" while it runs; prints the light requests' p50/p95 latency and the load average.
 * The request cost cap and the per-client request limit are lifted for the run, so that the heavy
 * request is admitted and the light client is never refused.
 */
final class FairnessBenchCommand {
    private static final String HEAVY_KEY = "heavy-client-key-0123456789";
    private static final String LIGHT_KEY = "light-client-key-0123456789";

    private FairnessBenchCommand() {}

    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse("bench", argv, 1, Set.of("model", "sentences", "heavy", "heavy-beams", "heavy-max-length",
                "light", "interval", "light-beams", "light-max-length", "threads"), Set.of("fairness"));
        args.intValue("threads", 1, 256).ifPresent(n -> System.setProperty("ai.djl.pytorch.num_threads", n.toString()));
        FairnessBench.Settings settings = new FairnessBench.Settings(
                args.intValue("heavy", 1, 10_000).orElse(400),
                args.intValue("heavy-beams", 1, 8).orElse(8),
                args.intValue("heavy-max-length", 1, 512).orElse(512),
                args.intValue("light", 1, 10_000).orElse(40),
                args.intValue("interval", 1, 60_000).orElse(250),
                args.intValue("light-beams", 1, 8).orElse(4),
                args.intValue("light-max-length", 1, 512).orElse(512));
        Path model = Path.of(args.value("model").orElse("models/tiny-ar-en"));
        Path sentencesFile = Path.of(args.value("sentences").orElse("src/test/resources/parallel/train.ar"));
        List<String> sentences = Files.readAllLines(sentencesFile, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
        Map<String, String> env = Map.of(
                "TARJAMA_API_KEYS", "heavy:" + HEAVY_KEY + ",light:" + LIGHT_KEY,
                "TARJAMA_CACHE_CHARS", "0",
                "TARJAMA_QUEUE", "100000",
                "TARJAMA_REQUEST_TIMEOUT", "60m",
                "TARJAMA_MAX_REQUEST_COST", "0",
                "TARJAMA_MAX_CLIENT_REQUESTS", "10000");
        ServeOptions options = ServeOptions.parse(new String[] {"serve", "--model", model.toString(), "--port", "0"}, env);
        err.println("bench: starting the service on " + model + " ...");
        try (ServeCommand.Server server = ServeCommand.start(options)) {
            err.printf("bench: heavy: %d sentences, beams %d, maxLength %d; light: one sentence every %d ms, beams %d, "
                            + "maxLength %d%n", settings.heavySentences(), settings.heavyBeams(), settings.heavyMaxLength(),
                    settings.intervalMillis(), settings.lightBeams(), settings.lightMaxLength());
            FairnessBench.Result result = new FairnessBench(URI.create("http://127.0.0.1:" + server.port()))
                    .run(settings, HEAVY_KEY, LIGHT_KEY, sentences);
            out.println(result.summary());
            String scrape = server.api().metrics().scrape();
            double batches = metric(scrape, "tarjama_engine_batch_seconds_count");
            double seconds = metric(scrape, "tarjama_engine_batch_seconds_sum");
            out.printf(java.util.Locale.ROOT, "engine: %.0f batches, %.0f ms per batch on average (a light request waits "
                    + "at least for the batch on the engine when it arrives)%n", batches, batches == 0 ? 0 : seconds * 1000 / batches);
        }
        return 0;
    }

    /** The value of an unlabelled sample in Prometheus text, or NaN. */
    private static double metric(String scrape, String name) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).strip());
            }
        }
        return Double.NaN;
    }
}
