package dev.tarjama.cli;

import dev.tarjama.http.ApiKeys;
import dev.tarjama.http.HttpConfig;
import dev.tarjama.http.OpsConfig;
import dev.tarjama.model.Precision;
import dev.tarjama.store.StoreSettings;
import dev.tarjama.translation.ServiceConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import dev.tarjama.review.ReviewPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything {@code serve} is configured with, from flags and environment variables (a flag wins
 * over its variable, both over the default). Every value is checked; a bad one is a one-line
 * {@link Args.UsageException}. See {@link #TABLE} for the names and defaults.
 *
 * @param threads intra-op threads of the PyTorch engine ({@code ai.djl.pytorch.num_threads})
 * @param slices parts an engine call's batch is split into, decoded concurrently
 * @param drainTimeout how long shutdown waits for in-flight requests
 * @param insecurePublic allow a non-loopback bind without API keys
 * @param precision arithmetic of the models' linear layers and LM head (a model in {@code --models}
 *     may have its own)
 */
public record ServeOptions(Path model, String host, int port, Integer threads, int slices, ServiceConfig service,
        HttpConfig http, OpsConfig ops, Duration drainTimeout, boolean insecurePublic, Path glossaryDir,
        double reviewMinScore, StoreSettings store, Precision precision) {

    public ServeOptions {
        java.util.Objects.requireNonNull(precision, "precision");
    }

    /** Options in fp32 (exact to transformers). */
    public ServeOptions(Path model, String host, int port, Integer threads, int slices, ServiceConfig service,
            HttpConfig http, OpsConfig ops, Duration drainTimeout, boolean insecurePublic, Path glossaryDir,
            double reviewMinScore, StoreSettings store) {
        this(model, host, port, threads, slices, service, http, ops, drainTimeout, insecurePublic, glossaryDir,
                reviewMinScore, store, Precision.FP32);
    }

    /** Options with the embedded store. */
    public ServeOptions(Path model, String host, int port, Integer threads, int slices, ServiceConfig service,
            HttpConfig http, OpsConfig ops, Duration drainTimeout, boolean insecurePublic, Path glossaryDir,
            double reviewMinScore) {
        this(model, host, port, threads, slices, service, http, ops, drainTimeout, insecurePublic, glossaryDir,
                reviewMinScore, StoreSettings.EMBEDDED);
    }

    /** One setting: flag name (without {@code --}), environment variable, default, meaning. */
    public record Setting(String flag, String env, String defaultValue, String meaning) {}

    /** All settings, in the order of docs/configuration.md. */
    public static final List<Setting> TABLE = List.of(
            new Setting("model", "TARJAMA_MODEL", "models/opus-mt-ar-en", "model directory (Hugging Face layout); never downloaded at start"),
            new Setting("models", "TARJAMA_MODELS", "(none)", "several models: id=DIR[:workers=N][:slices=N][:type=T][:precision=P],... with T quality_optimized or latency_optimized (`--model` may also be repeated; see docs/models.md)"),
            new Setting("default-model", "TARJAMA_DEFAULT_MODEL", "(first model)", "model id (or quality_optimized / latency_optimized) used when a request names none"),
            new Setting("host", "TARJAMA_HOST", "127.0.0.1", "address to bind; non-loopback needs API keys or --insecure-public"),
            new Setting("port", "TARJAMA_PORT", "8080", "TCP port (0 = any free port)"),
            new Setting("threads", "TARJAMA_THREADS", "1", "PyTorch intra-op threads per engine call"),
            new Setting("workers", "TARJAMA_WORKERS", "1", "batch worker threads calling the engine (1-64)"),
            new Setting("slices", "TARJAMA_SLICES", "auto", "an engine call of ≥ 16 decoder rows is split into this many parts decoded at once (1-64); auto = cores ÷ (workers × threads)"),
            new Setting("precision", PrecisionOption.ENV, "fp32", "arithmetic of the linear layers and LM head: fp32 "
                    + "(exact to transformers), or the opt-in, faster bf16 or int8 (not exact; the model revision, "
                    + "and so every cache key, gets +bf16 / +int8)"),
            new Setting("batch-sentences", "TARJAMA_BATCH_SENTENCES", "32", "most decoder rows (sentences × beams) per engine call"),
            new Setting("batch-tokens", "TARJAMA_BATCH_TOKENS", "4096", "most source tokens per engine call"),
            new Setting("batch-wait", "TARJAMA_BATCH_WAIT", "5ms", "how long a worker waits for a batch to fill (0-10s)"),
            new Setting("token-budget", "TARJAMA_TOKEN_BUDGET", "200", "longer sentences are split into pieces (1-512 tokens)"),
            new Setting("queue", "TARJAMA_QUEUE", "512", "sentences waiting for a worker; beyond it 429 overloaded"),
            new Setting("cache-chars", "TARJAMA_CACHE_CHARS", "20000000", "sentence cache size in characters (0 = off)"),
            new Setting("body-limit", "TARJAMA_BODY_LIMIT", "1MiB", "largest request body (bytes, or with KiB/MiB)"),
            new Setting("max-texts", "TARJAMA_MAX_TEXTS", "50", "most articles in one batch request"),
            new Setting("max-connections", "TARJAMA_MAX_CONNECTIONS", "256", "most open client connections; beyond it new ones wait to be accepted"),
            new Setting("idle-timeout", "TARJAMA_IDLE_TIMEOUT", "15s", "longest silence while a request is received or its answer sent; a stalled body gets 408"),
            new Setting("min-body-rate", "TARJAMA_MIN_BODY_RATE", "1KiB", "slowest accepted request body, bytes per second (0 = no minimum); slower gets 408"),
            new Setting("max-streams", "TARJAMA_MAX_STREAMS", "16", "most streaming (NDJSON/SSE) translations at once; beyond it 429 too_many_streams"),
            new Setting("max-request-cost", "TARJAMA_MAX_REQUEST_COST", "1048576",
                    "most a request may cost, distinct sentences × beams × maxLength; beyond it 422 request_too_costly (0 = no cap)"),
            new Setting("max-client-requests", "TARJAMA_MAX_CLIENT_REQUESTS", "8",
                    "translation requests one client (API key, else remote address) may have in progress; beyond it 429 too_many_requests"),
            new Setting("request-timeout", "TARJAMA_REQUEST_TIMEOUT", "60s", "per-request deadline; 504 deadline_exceeded after it"),
            new Setting("drain-timeout", "TARJAMA_DRAIN_TIMEOUT", "25s", "on SIGTERM, how long in-flight requests may finish"),
            new Setting("api-keys-file", "TARJAMA_API_KEYS_FILE", "(none)", "file of API keys: KEY, NAME:KEY or NAME:KEY:DAILY_CHARS per line"),
            new Setting(null, "TARJAMA_API_KEYS", "(none)", "API keys inline, comma-separated, same entry syntax"),
            new Setting("cors-origins", "TARJAMA_CORS_ORIGINS", "(none)", "comma-separated origins allowed cross-origin, e.g. https://news.example"),
            new Setting("insecure-public", "TARJAMA_INSECURE_PUBLIC", "false", "allow a non-loopback bind without API keys"),
            new Setting("glossary-dir", "TARJAMA_GLOSSARY_DIR", "data/glossaries", "where stored glossaries are kept (one file each); with the embedded store also the quota log quotas.log"),
            new Setting("review-min-score", "TARJAMA_REVIEW_MIN_SCORE", "-0.06",
                    "sentences scoring below it are flagged low_confidence (calibrate per model)"),
            new Setting("store", "TARJAMA_STORE", "embedded", "state replicas share: embedded (this process: glossary "
                    + "files, a quota log next to them, memory) or redis://[:PASSWORD@]HOST:PORT[/DB] (rediss:// for TLS); "
                    + "see docs/operations.md"),
            new Setting("store-ttl", "TARJAMA_STORE_TTL", "7d", "how long Redis keeps a cached sentence or an article's "
                    + "revisions after their last write"),
            new Setting("store-timeout", "TARJAMA_STORE_TIMEOUT", "1s", "time limit of one Redis command; slower, the "
                    + "replica serves degraded (local cache only) and retries after 2 s"));

    static final Set<String> VALUE_FLAGS = TABLE.stream().map(Setting::flag)
            .filter(f -> f != null && !f.equals("insecure-public")).collect(java.util.stream.Collectors.toUnmodifiableSet());
    static final Set<String> BOOLEAN_FLAGS = Set.of("insecure-public");

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)?");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(b|kib|mib|k|m)?");

    /** Parses {@code serve}'s arguments (from index 1) with the given environment. */
    public static ServeOptions parse(String[] argv, Map<String, String> env) {
        Args args = Args.parse("serve", argv, 1, VALUE_FLAGS, BOOLEAN_FLAGS);
        Source s = new Source(args, env);
        Path model = s.get("model").filter(m -> !m.isBlank()).map(m -> Path.of(m.strip())).orElse(null);
        String host = s.get("host").orElse("127.0.0.1");
        int port = s.integer("port", 0, 65535, 8080);
        Integer threads = s.get("threads").isPresent() ? s.integer("threads", 1, 256, 1) : null;
        int slices = s.get("slices").map(v -> v.equalsIgnoreCase("auto")).orElse(true) ? -1 : s.integer("slices", 1, 64, 1);
        ServiceConfig d = ServiceConfig.DEFAULTS;
        ServiceConfig service = s.build(() -> new ServiceConfig(
                s.integer("token-budget", 1, 512, d.tokenBudget()),
                s.integer("batch-sentences", 1, 4096, d.maxBatchSentences()),
                s.integer("batch-tokens", 1, 1 << 20, d.maxBatchTokens()),
                s.duration("batch-wait", Duration.ZERO, Duration.ofSeconds(10), Duration.ofMillis(d.batchWaitMillis())).toMillis(),
                s.integer("queue", 1, 1 << 20, d.queueCapacity()),
                s.size("cache-chars", 0, 1L << 40, d.cacheMaxChars()),
                s.integer("workers", 1, 64, d.workers())));
        if (slices == -1) {
            slices = autoSlices(Runtime.getRuntime().availableProcessors(), service.workers(),
                    threads != null ? threads : Integer.getInteger("ai.djl.pytorch.num_threads", 1));
        }
        HttpConfig h = HttpConfig.DEFAULTS;
        HttpConfig http = h.withBodyLimitBytes(s.size("body-limit", 1, 1L << 30, h.bodyLimitBytes()))
                .withMaxTexts(s.integer("max-texts", 1, 10_000, h.maxTexts()))
                .withMaxRequestCost(s.integer("max-request-cost", 0, Integer.MAX_VALUE, (int) h.maxRequestCost()))
                .withMaxClientRequests(s.integer("max-client-requests", 1, 100_000, h.maxClientRequests()));
        dev.tarjama.http.ClientLimits l = h.limits();
        http = http.withLimits(l.withMaxConnections(s.integer("max-connections", 1, 100_000, l.maxConnections()))
                .withIdleTimeout(s.duration("idle-timeout", Duration.ofMillis(100), Duration.ofHours(1), l.idleTimeout()))
                .withMinBodyBytesPerSecond(s.size("min-body-rate", 0, 1L << 30, l.minBodyBytesPerSecond()))
                .withMaxStreams(s.integer("max-streams", 1, 10_000, l.maxStreams())));
        Duration requestTimeout = s.duration("request-timeout", Duration.ofMillis(1), Duration.ofHours(1), Duration.ofSeconds(60));
        Duration drain = s.duration("drain-timeout", Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(25));
        ApiKeys keys = ApiKeys.NONE;
        Optional<String> file = s.get("api-keys-file");
        String inline = env.get("TARJAMA_API_KEYS");
        if (file.isPresent() && inline != null && !inline.isBlank()) {
            throw new Args.UsageException("serve: give API keys either in a file (--api-keys-file/TARJAMA_API_KEYS_FILE) or in TARJAMA_API_KEYS, not both");
        }
        try {
            if (file.isPresent()) {
                keys = ApiKeys.load(Path.of(file.get()));
            } else if (inline != null && !inline.isBlank()) {
                keys = ApiKeys.fromEnvironment(inline);
            }
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("serve: " + e.getMessage());
        }
        List<String> origins = s.get("cors-origins").map(v -> Arrays.stream(v.split(","))
                .map(String::strip).filter(o -> !o.isEmpty()).toList()).orElse(List.of());
        ApiKeys finalKeys = keys;
        OpsConfig ops = s.build(() -> new OpsConfig(requestTimeout, finalKeys, origins));
        boolean insecure = args.flag("insecure-public") || s.bool("insecure-public");
        Path glossaryDir = Path.of(s.get("glossary-dir").orElse("data/glossaries"));
        double reviewMinScore = s.decimal("review-min-score", -100, 0, ReviewPolicy.defaults().minScore());
        Duration storeTtl = s.duration("store-ttl", Duration.ofSeconds(1), Duration.ofDays(365), Duration.ofDays(7));
        Duration storeTimeout = s.duration("store-timeout", Duration.ofMillis(1), Duration.ofSeconds(60),
                StoreSettings.DEFAULT_TIMEOUT);
        StoreSettings store = s.build(() -> StoreSettings.parse(s.get("store").orElse("embedded"), storeTtl, storeTimeout));
        Precision precision = s.get("precision").map(v -> PrecisionOption.parse("serve: " + s.origin("precision"), v))
                .orElse(Precision.FP32);
        ServeOptions options = new ServeOptions(model, host, port, threads, slices, service, http, ops, drain, insecure,
                glossaryDir, reviewMinScore, store, precision);
        options.checkExposure();
        return options;
    }

    /**
     * {@code --slices auto}: the cores left to each batch worker after its intra-op threads, so that a
     * lone article uses the machine (2 cores, 1 worker, 1 thread → 2 slices) and concurrent workers
     * do not oversubscribe it.
     */
    static int autoSlices(int cores, int workers, int threads) {
        return Math.max(1, Math.min(64, cores / (workers * threads)));
    }

    /** Refuses a non-loopback bind without keys unless {@code --insecure-public}. */
    void checkExposure() {
        if (ops.apiKeys().enabled() || insecurePublic || isLoopback(host)) {
            return;
        }
        throw new Args.UsageException("serve: refusing to listen on " + host + " without API keys; set --api-keys-file "
                + "(or TARJAMA_API_KEYS), or pass --insecure-public if the network in front is trusted");
    }

    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // literal addresses only: no DNS lookup for a name (an unknown name is not loopback)
            if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:.]+\\]?")) {
                return false;
            }
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Values from flags, then environment; errors say which one was wrong. */
    private static final class Source {
        private final Args args;
        private final Map<String, String> env;
        private final Map<String, String> envNames = new LinkedHashMap<>();

        Source(Args args, Map<String, String> env) {
            this.args = args;
            this.env = env;
            for (Setting s : TABLE) {
                if (s.flag() != null) {
                    envNames.put(s.flag(), s.env());
                }
            }
        }

        Optional<String> get(String flag) {
            Optional<String> v = args.value(flag);
            if (v.isPresent()) {
                return v;
            }
            String e = env.get(envNames.get(flag));
            return e == null || e.isBlank() ? Optional.empty() : Optional.of(e.strip());
        }

        String origin(String flag) {
            return args.value(flag).isPresent() ? "--" + flag : envNames.get(flag);
        }

        private Args.UsageException bad(String flag, String expected, String value) {
            return new Args.UsageException("serve: " + origin(flag) + " must be " + expected + ", got '" + value + "'");
        }

        double decimal(String flag, double min, double max, double fallback) {
            Optional<String> v = get(flag);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                double d = Double.parseDouble(v.get().strip());
                if (d >= min && d <= max) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw bad(flag, "a number between " + min + " and " + max, v.get());
        }

        int integer(String flag, int min, int max, int fallback) {
            Optional<String> v = get(flag);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.get().strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw bad(flag, "an integer between " + min + " and " + max, v.get());
        }

        long size(String flag, long min, long max, long fallback) {
            Optional<String> v = get(flag);
            if (v.isEmpty()) {
                return fallback;
            }
            Matcher m = SIZE.matcher(v.get().strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "b" : m.group(2);
                long factor = switch (unit) {
                    case "k", "kib" -> 1024L;
                    case "m", "mib" -> 1024L * 1024;
                    default -> 1L;
                };
                if (n <= max / factor && n * factor >= min) {
                    return n * factor;
                }
            }
            throw bad(flag, "a size between " + min + " and " + max + " (e.g. 1048576, 512KiB, 1MiB)", v.get());
        }

        Duration duration(String flag, Duration min, Duration max, Duration fallback) {
            Optional<String> v = get(flag);
            if (v.isEmpty()) {
                return fallback;
            }
            Matcher m = DURATION.matcher(v.get().strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                Duration d = switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofSeconds(n);
                };
                if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
                    return d;
                }
            }
            throw bad(flag, "a duration between " + min.toMillis() + " ms and " + max.toSeconds()
                    + " s (e.g. 30s, 500ms, 2m, 7d; a bare number is seconds)", v.get());
        }

        boolean bool(String flag) {
            Optional<String> v = get(flag);
            if (v.isEmpty()) {
                return false;
            }
            return switch (v.get().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw bad(flag, "true or false", v.get());
            };
        }

        <T> T build(java.util.function.Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException("serve: " + e.getMessage());
            }
        }
    }

    /** The settings table as Markdown (docs/configuration.md is generated from it and checked by a test). */
    public static String markdownTable() {
        List<String> lines = new ArrayList<>();
        lines.add("| Flag | Environment | Default | Meaning |");
        lines.add("|---|---|---|---|");
        for (Setting s : TABLE) {
            lines.add("| " + (s.flag() == null ? "" : "`--" + s.flag() + "`") + " | `" + s.env() + "` | "
                    + s.defaultValue() + " | " + s.meaning() + " |");
        }
        return String.join("\n", lines);
    }
}
