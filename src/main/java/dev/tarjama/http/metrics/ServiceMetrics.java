package dev.tarjama.http.metrics;

import dev.tarjama.translation.BatchObserver;
import dev.tarjama.translation.TranslationService;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every metric Tarjama exposes on {@code GET /metrics}. Labels are low-cardinality by construction:
 * HTTP method (known methods, else {@code other}), route template (never the raw path; unmatched
 * paths are {@code unmatched}) and status code. No client addresses, keys or text.
 *
 * <ul>
 *   <li>{@code tarjama_http_requests_total{method,route,status}},
 *       {@code tarjama_http_request_duration_seconds{method,route,status}} (histogram),
 *       {@code tarjama_http_requests_in_flight}
 *   <li>{@code tarjama_engine_batches_total}, {@code tarjama_engine_batch_failures_total},
 *       {@code tarjama_engine_sentences_total}, {@code tarjama_engine_source_tokens_total},
 *       {@code tarjama_engine_generated_tokens_total}, {@code tarjama_engine_seconds_total},
 *       {@code tarjama_engine_batch_sentences} (histogram), {@code tarjama_engine_batch_seconds}
 *       (histogram), {@code tarjama_queue_withdrawn_sentences_total}
 *   <li>{@code tarjama_queue_sentences}, {@code tarjama_cache_hits_total},
 *       {@code tarjama_cache_misses_total}, {@code tarjama_cache_entries}, {@code tarjama_cache_weight_chars}
 *   <li>{@code tarjama_model_load_seconds}, {@code tarjama_ready}, {@code tarjama_quota_refusals_total},
 *       {@code tarjama_auth_failures_total}
 *   <li>{@code jvm_memory_heap_used_bytes}, {@code jvm_memory_heap_committed_bytes},
 *       {@code jvm_memory_heap_max_bytes}, {@code jvm_memory_nonheap_used_bytes},
 *       {@code jvm_buffer_direct_bytes}, {@code process_resident_memory_bytes},
 *       {@code jvm_threads_live}, {@code process_uptime_seconds}
 * </ul>
 */
public final class ServiceMetrics implements BatchObserver {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final double[] LATENCY_BUCKETS =
            {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128};

    private final MetricsRegistry registry = new MetricsRegistry();
    private final Counter requests;
    private final Histogram latency;
    private final Counter batches;
    private final Counter batchFailures;
    private final Counter sentences;
    private final Counter sourceTokens;
    private final Counter generatedTokens;
    private final Counter engineSeconds;
    private final Counter withdrawn;
    private final Histogram batchSentences;
    private final Histogram batchSeconds;
    private final Counter quotaRefusals;
    private final Counter authFailures;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong modelLoadNanos = new AtomicLong(-1);
    private final long startedNanos = System.nanoTime();

    /** @param ready the service's readiness, exported as 0/1 */
    public ServiceMetrics(TranslationService service, java.util.function.BooleanSupplier ready) {
        requests = registry.register(new Counter("tarjama_http_requests_total",
                "HTTP requests by method, route template and status.", "method", "route", "status"));
        latency = registry.register(new Histogram("tarjama_http_request_duration_seconds",
                "HTTP request latency by method, route template and status.", LATENCY_BUCKETS, "method", "route", "status"));
        registry.register(Sampled.gauge("tarjama_http_requests_in_flight", "HTTP requests being served now.", inFlight::get));
        batches = registry.register(new Counter("tarjama_engine_batches_total", "Engine calls (batches)."));
        batchFailures = registry.register(new Counter("tarjama_engine_batch_failures_total",
                "Engine calls that threw; their sentences failed."));
        sentences = registry.register(new Counter("tarjama_engine_sentences_total",
                "Sentences translated by the engine (cache misses)."));
        sourceTokens = registry.register(new Counter("tarjama_engine_source_tokens_total",
                "Source tokens sent to the engine."));
        generatedTokens = registry.register(new Counter("tarjama_engine_generated_tokens_total",
                "Target tokens generated; rate() of this is tokens per second."));
        engineSeconds = registry.register(new Counter("tarjama_engine_seconds_total", "Wall time spent in engine calls."));
        batchSentences = registry.register(new Histogram("tarjama_engine_batch_sentences",
                "Sentences per engine call.", BATCH_BUCKETS));
        batchSeconds = registry.register(new Histogram("tarjama_engine_batch_seconds",
                "Wall time per engine call.", LATENCY_BUCKETS));
        withdrawn = registry.register(new Counter("tarjama_queue_withdrawn_sentences_total",
                "Queued sentences dropped because their request passed its deadline."));
        registry.register(Sampled.gauge("tarjama_queue_sentences", "Sentences waiting for a batch worker.",
                service::queuedSentences));
        registry.register(Sampled.counter("tarjama_cache_hits_total", "Sentence cache hits.", () -> service.cacheStats().hits()));
        registry.register(Sampled.counter("tarjama_cache_misses_total", "Sentence cache misses.",
                () -> service.cacheStats().misses()));
        registry.register(Sampled.gauge("tarjama_cache_entries", "Sentences in the cache.", () -> service.cacheStats().entries()));
        registry.register(Sampled.gauge("tarjama_cache_weight_chars",
                "Characters (source + translation) held by the cache.", () -> service.cacheStats().weightChars()));
        registry.register(Sampled.gauge("tarjama_model_load_seconds", "Time taken to load the model; NaN if not recorded.",
                () -> modelLoadNanos.get() < 0 ? Double.NaN : modelLoadNanos.get() / 1e9));
        registry.register(Sampled.gauge("tarjama_ready", "1 when the service accepts translations, 0 otherwise.",
                () -> ready.getAsBoolean() ? 1 : 0));
        quotaRefusals = registry.register(new Counter("tarjama_quota_refusals_total",
                "Requests refused because the API key's daily character quota was used up."));
        authFailures = registry.register(new Counter("tarjama_auth_failures_total",
                "Requests refused for a missing or unknown API key."));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        registry.register(Sampled.gauge("jvm_memory_heap_used_bytes", "Java heap in use.",
                () -> memory.getHeapMemoryUsage().getUsed()));
        registry.register(Sampled.gauge("jvm_memory_heap_committed_bytes", "Java heap committed.",
                () -> memory.getHeapMemoryUsage().getCommitted()));
        registry.register(Sampled.gauge("jvm_memory_heap_max_bytes", "Java heap limit.",
                () -> memory.getHeapMemoryUsage().getMax()));
        registry.register(Sampled.gauge("jvm_memory_nonheap_used_bytes", "JVM non-heap memory in use (metaspace, code).",
                () -> memory.getNonHeapMemoryUsage().getUsed()));
        registry.register(Sampled.gauge("jvm_buffer_direct_bytes", "Direct byte buffers allocated by the JVM.",
                ServiceMetrics::directBufferBytes));
        registry.register(Sampled.gauge("process_resident_memory_bytes",
                "Resident set size (heap and native memory, e.g. model tensors); NaN off Linux.",
                () -> {
                    long rss = ProcessMemory.residentBytes();
                    return rss < 0 ? Double.NaN : rss;
                }));
        registry.register(Sampled.gauge("jvm_threads_live", "Live JVM threads.",
                () -> ManagementFactory.getThreadMXBean().getThreadCount()));
        registry.register(Sampled.gauge("process_uptime_seconds", "Seconds since the metrics were created.",
                () -> (System.nanoTime() - startedNanos) / 1e9));
        service.observe(this);
    }

    private static double directBufferBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    public MetricsRegistry registry() {
        return registry;
    }

    /** The whole exposition. */
    public String scrape() {
        return registry.scrape();
    }

    /** Records the model's load time. */
    public void modelLoaded(long nanos) {
        modelLoadNanos.set(nanos);
    }

    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    /**
     * One finished request.
     *
     * @param route the matched route template, or null when no route matched
     */
    public void requestDone(String method, String route, int status, long nanos) {
        inFlight.decrementAndGet();
        String m = method == null ? "other" : method.toUpperCase(Locale.ROOT);
        String[] labels = {METHODS.contains(m) ? m : "other", route == null ? "unmatched" : route, Integer.toString(status)};
        requests.inc(labels);
        latency.observe(nanos / 1e9, labels);
    }

    public void quotaRefused() {
        quotaRefusals.inc();
    }

    public void authFailed() {
        authFailures.inc();
    }

    /** Requests counted so far for a label set (tests, load figures). */
    public double requests(String method, String route, int status) {
        return requests.value(method, route, Integer.toString(status));
    }

    @Override
    public void batchDone(int batchSize, long tokens, long outputTokens, long nanos, boolean failed) {
        batches.inc();
        if (failed) {
            batchFailures.inc();
        } else {
            sentences.inc(batchSize);
            sourceTokens.inc(tokens);
            generatedTokens.inc(outputTokens);
        }
        engineSeconds.inc(nanos / 1e9);
        batchSentences.observe(batchSize);
        batchSeconds.observe(nanos / 1e9);
    }

    @Override
    public void sentencesWithdrawn(int count) {
        withdrawn.inc(count);
    }
}
