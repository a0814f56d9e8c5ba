package dev.tarjama.cli;

import dev.tarjama.bench.BenchArticles;
import dev.tarjama.bench.BenchModel;
import dev.tarjama.bench.BenchShape;
import dev.tarjama.bench.MachineInfo;
import dev.tarjama.bench.ServiceBench;
import dev.tarjama.bench.ServiceBenchReport;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.tokenizer.MarianTokenizer;
import dev.tarjama.translation.DecodeOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code bench --service [--clients 1,4,16] [--duration S | --articles N] [--warmup S] [--model DIR]
 * [--beams N] [--max-length N|auto] [--seed N] [--corpus DIR] [--out FILE] [serve options]}: starts the
 * real server in-process ({@link ServeCommand#start}, the wiring of {@code serve}) on an ephemeral
 * loopback port, then for each client level runs {@link ServiceBench}: N clients, each with its own
 * API key, posting articles of mixed lengths back to back. Prints per level the articles answered,
 * sentences per second, p50/p95 article latency, errors and the load average; {@code --out} writes
 * JSON.
 *
 * <p>The service is configured by {@link #serveOptions} only: {@code serve}'s own parser, fed with
 * the bench's fixed settings (loopback, port 0, sentence cache off, queue and request timeout
 * lifted, embedded store, a throw-away glossary directory, one API key per client) plus every other
 * {@code serve} option given on the command line or in its {@code TARJAMA_*} variable (threads,
 * workers, slices, batch sizes, ...), so that an option {@code serve} gains reaches the bench too.
 */
final class ServiceBenchCommand {
    /** Options of the bench itself. */
    static final Set<String> OWN = Set.of("model", "clients", "duration", "articles", "warmup", "beams", "max-length",
            "seed", "corpus", "out", "cache", "tokenizer", "shape");
    /** {@code serve} settings the bench chooses itself; the rest pass through. */
    static final Set<String> FIXED = Set.of("model", "models", "default-model", "host", "port", "cache-chars", "queue",
            "request-timeout", "api-keys-file", "store", "store-ttl", "store-timeout", "glossary-dir", "insecure-public",
            "cors-origins");
    static final int QUEUE = 1 << 20;
    static final String REQUEST_TIMEOUT = "60m";
    static final String CACHE = "off: the bench's service runs with --cache-chars 0, so every post is translated in full "
            + "(pieces repeat verbatim across posts and clients; cachedSentences counts any answered from a cache)";
    static final String DEFINITION = "Each client (own API key) posts one article at a time to POST /v1/translate, back "
            + "to back. Warm-up first (not counted), then the measured phase without a pause. By duration: articles "
            + "whose answer arrives inside the window count, sentencesPerSecond = their sentences / window; by "
            + "--articles: each client's first N articles started after the warm-up count, sentencesPerSecond = their "
            + "sentences / (last answer - end of warm-up). sentences = sentences in the answers not marked passthrough "
            + "(source sentences the model translated). p50/p95/max: nearest-rank article latency (request sent to "
            + "answer read) of the counted articles. errors: requests of the whole level (warm-up included) without "
            + "a 200 answer. Load average (/proc/loadavg, 1/5/15 min) at the level's start and at its end.";

    private ServiceBenchCommand() {}

    static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Args args = parse(argv);
        List<Integer> levels = clients(args.value("clients").orElse("1,4,16"));
        if (args.value("duration").isPresent() && args.value("articles").isPresent()) {
            throw new Args.UsageException("bench: give either --duration or --articles, not both");
        }
        int articles = args.intValue("articles", 1, 1_000_000).orElse(0);
        Duration duration = articles > 0 ? null : Duration.ofSeconds(args.intValue("duration", 1, 86_400).orElse(30));
        Duration warmup = Duration.ofSeconds(args.intValue("warmup", 0, 3_600).orElse(5));
        int beams = args.intValue("beams", 1, DecodeOptions.MAX_BEAMS).orElse(4);
        long seed = args.intValue("seed", 0, Integer.MAX_VALUE).orElse(1);
        Path corpusDir = Path.of(args.value("corpus").orElse("src/test/resources/seed"));
        BenchArticles corpus = BenchArticles.fromDirectory(corpusDir);

        String modelText;
        Path model;
        if (args.value("model").isPresent()) {
            model = Path.of(args.value("model").get());
            modelText = model.toString();
        } else {
            BenchShape shape;
            try {
                shape = BenchShape.named(args.value("shape").orElse("base"));
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException("bench: --shape: " + e.getMessage());
            }
            Path cache = Path.of(args.value("cache").orElse("target/bench-model"));
            err.println("bench: preparing the random-weight " + shape.name() + " model under " + cache + " ...");
            model = BenchModel.ensure(cache, Path.of(args.value("tokenizer").orElse("models/tiny-ar-en")), 1, shape);
            modelText = "random weights, " + shape.name() + " shape (" + shape.parameters() + " parameters), " + model;
        }
        String maxLengthText = args.value("max-length").orElse(args.value("model").isPresent() ? null : "auto");
        Integer maxLength = null;
        String maxLengthRule = "the model's default applies (its generation config, at most "
                + DecodeOptions.MAX_LENGTH + "); a trained model ends each sentence itself";
        if ("auto".equals(maxLengthText)) {
            double mean;
            try (MarianTokenizer tokenizer = MarianTokenizer.load(model)) {
                mean = corpus.meanSentenceTokens(tokenizer::tokenCount);
            }
            maxLength = Math.max(2, Math.min(DecodeOptions.MAX_LENGTH, (int) Math.ceil(mean) + 1));
            maxLengthRule = String.format(Locale.ROOT, "auto: the corpus sentences' mean source length, %.1f tokens "
                    + "with </s>, rounded up, + 1 for the decoder start; one value for every request so that clients "
                    + "share engine batches (the service batches only equal options). A random-weight model never "
                    + "emits </s> by itself: each sentence then yields maxLength - 1 tokens, as many as the mean source", mean);
        } else if (maxLengthText != null) {
            maxLength = args.intValue("max-length", 2, DecodeOptions.MAX_LENGTH).orElseThrow();
            maxLengthRule = "given by --max-length";
        }
        ServiceBench.Settings settings = new ServiceBench.Settings(beams, maxLength, warmup, duration, articles);

        int most = levels.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= most; i++) {
            keys.add(String.format(Locale.ROOT, "bench-client-%03d-key-0123456789", i));
        }
        Path glossaryDir = Files.createTempDirectory("tarjama-bench-glossaries-");
        try {
            ServeOptions options = serveOptions(args, model, keys, glossaryDir, env);
            if (options.threads() != null) {
                // read by the PyTorch engine when it starts (below, unless this JVM already started it)
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(options.threads()));
            }
            err.println("bench: starting the service on " + model + " ...");
            try (ServeCommand.Server server = ServeCommand.start(options)) {
                DjlRuntime.EngineThreads engine = DjlRuntime.startEngine();
                MachineInfo machine = MachineInfo.current(engine.intraOp(), engine.interOp(), engine.mkl().detail());
                String service = describe(options, engine.intraOp(), server.port(), most);
                ServiceBench bench = new ServiceBench(URI.create("http://127.0.0.1:" + server.port()), corpus, seed);
                List<ServiceBench.Level> results = new ArrayList<>();
                for (int n : levels) {
                    err.printf(Locale.ROOT, "bench: %d client(s): %d s warm-up, then %s ...%n", n, warmup.toSeconds(),
                            duration != null ? duration.toSeconds() + " s" : articles + " article(s) each");
                    ServiceBench.Level level = bench.run(keys.subList(0, n), settings);
                    err.printf(Locale.ROOT, "bench: %d client(s): %d articles, %.2f sentences/s, p50 %.0f ms, p95 %.0f ms, "
                                    + "%d errors%n", n, level.articles(), level.sentencesPerSecond(), level.p50Ms(),
                            level.p95Ms(), level.errors());
                    results.add(level);
                }
                ServiceBenchReport report = new ServiceBenchReport(machine, modelText, service, settings, maxLengthRule,
                        CACHE, corpus.counts(), seed, results, DEFINITION);
                report.printTable(out);
                BenchCommand.writeOut(args, report.toJson());
            }
        } finally {
            deleteTree(glossaryDir);
        }
        return 0;
    }

    /** The bench's own options and the pass-through {@code serve} options. */
    static Args parse(String[] argv) {
        Set<String> values = new HashSet<>(OWN);
        values.addAll(passThroughValues());
        Set<String> flags = new HashSet<>(Set.of("service"));
        flags.addAll(passThroughFlags());
        return Args.parse("bench", argv, 1, values, flags);
    }

    /**
     * The service's options, in one place: {@code serve}'s parser over the bench's fixed settings and
     * the pass-through {@code serve} options of {@code args}, with {@code env} as {@code serve} would
     * read it (its API key variables replaced by one key per client).
     */
    static ServeOptions serveOptions(Args args, Path model, List<String> keys, Path glossaryDir, Map<String, String> env) {
        List<String> argv = new ArrayList<>(List.of("serve", "--model", model.toString(), "--host", "127.0.0.1",
                "--port", "0", "--cache-chars", "0", "--queue", Integer.toString(QUEUE), "--request-timeout",
                REQUEST_TIMEOUT, "--store", "embedded", "--glossary-dir", glossaryDir.toString()));
        for (String flag : passThroughValues()) {
            args.value(flag).ifPresent(v -> {
                argv.add("--" + flag);
                argv.add(v);
            });
        }
        for (String flag : passThroughFlags()) {
            if (args.flag(flag)) {
                argv.add("--" + flag);
            }
        }
        Map<String, String> environment = new HashMap<>(env);
        environment.remove("TARJAMA_API_KEYS_FILE");
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            entries.add(String.format(Locale.ROOT, "client%03d:%s", i + 1, keys.get(i)));
        }
        environment.put("TARJAMA_API_KEYS", String.join(",", entries));
        return ServeOptions.parse(argv.toArray(String[]::new), environment);
    }

    /** {@code serve} options with a value that the bench passes on (sorted, so the command line is stable). */
    static List<String> passThroughValues() {
        return ServeOptions.VALUE_FLAGS.stream().filter(f -> !FIXED.contains(f) && !OWN.contains(f)).sorted().toList();
    }

    static List<String> passThroughFlags() {
        return ServeOptions.BOOLEAN_FLAGS.stream().filter(f -> !FIXED.contains(f) && !OWN.contains(f)).sorted().toList();
    }

    private static String describe(ServeOptions o, int intraOpThreads, int port, int keys) {
        var s = o.service();
        return String.format(Locale.ROOT, "in-process server on 127.0.0.1:%d, precision %s, %d batch worker(s), "
                        + "%d intra-op thread(s), %d slice(s), batches of <= %d decoder rows / %d tokens, batch wait %d ms, token budget %d, "
                        + "queue %d, request timeout %s, cache %d chars, %d API keys (one per client)",
                port, o.precision().label(), s.workers(), intraOpThreads, o.slices(), s.maxBatchSentences(), s.maxBatchTokens(),
                s.batchWaitMillis(), s.tokenBudget(), s.queueCapacity(), REQUEST_TIMEOUT, s.cacheMaxChars(), keys);
    }

    private static List<Integer> clients(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                int n = Integer.parseInt(p);
                if (n < 1 || n > 256) {
                    throw new Args.UsageException("bench: --clients must be between 1 and 256, got " + n);
                }
                out.add(n);
            } catch (NumberFormatException e) {
                throw new Args.UsageException("bench: --clients takes comma-separated integers, got '" + p + "'");
            }
        }
        if (out.isEmpty()) {
            throw new Args.UsageException("bench: --clients needs at least one level");
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.getLogger("tarjama").log(System.Logger.Level.WARNING, "cannot remove " + dir + ": " + e.getMessage());
        }
    }
}
