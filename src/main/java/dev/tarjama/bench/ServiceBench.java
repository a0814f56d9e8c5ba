package dev.tarjama.bench;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Throughput and article latency of a running service under N concurrent clients, over HTTP only.
 * Each client (its own API key) posts articles to {@code POST /v1/translate} back to back, one at a
 * time, drawn by its {@link BenchArticles.Picker}. First a warm-up of {@link Settings#warmup()}
 * (nothing counted), then without a pause the measured phase:
 * <ul>
 *   <li>by time ({@link Settings#duration()}): the articles whose answer arrives inside the window
 *       count; clients start no article after it ends; sentences/s = their sentences ÷ the window;
 *   <li>by count ({@link Settings#articlesPerClient()}): each client's first N articles started after
 *       the warm-up count; sentences/s = their sentences ÷ (last answer − end of warm-up).
 * </ul>
 * Sentences are counted from the answers: every sentence not marked {@code passthrough} (those never
 * reach the model). The level ends when every request has been answered. Errors are the requests of
 * the whole level (warm-up included) that got no 200 answer.
 */
public final class ServiceBench {

    /**
     * What each client sends and for how long.
     *
     * @param maxLength null: none sent (the model's default applies)
     * @param duration null when counting articles
     * @param articlesPerClient 0 when measuring by time
     */
    public record Settings(int beams, Integer maxLength, Duration warmup, Duration duration, int articlesPerClient) {
        public Settings {
            if ((duration == null) == (articlesPerClient < 1)) {
                throw new IllegalArgumentException("measure either for a duration or for a number of articles");
            }
            if (warmup == null || warmup.isNegative()) {
                throw new IllegalArgumentException("the warm-up must not be negative");
            }
        }
    }

    /** One client level's figures; latencies in ms, load averages from /proc/loadavg. */
    public record Level(int clients, int articles, int sentences, int cachedSentences, int errors, double seconds,
            double sentencesPerSecond, double p50Ms, double p95Ms, double maxMs, String loadStart, String loadEnd,
            String firstError, Map<BenchArticles.Kind, Integer> articlesByKind) {}

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(30);

    private final URI base;
    private final BenchArticles articles;
    private final long seed;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public ServiceBench(URI base, BenchArticles articles, long seed) {
        this.base = base;
        this.articles = articles;
        this.seed = seed;
    }

    /** Runs one level: {@code keys.size()} clients, client i with {@code keys.get(i)}. */
    public Level run(List<String> keys, Settings settings) throws InterruptedException {
        int clients = keys.size();
        String loadStart = MachineInfo.currentLoadAverage();
        long start = System.nanoTime();
        long measuredFrom = start + settings.warmup().toNanos();
        long measuredTo = settings.duration() == null ? Long.MAX_VALUE : measuredFrom + settings.duration().toNanos();
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                BenchArticles.Picker picker = articles.picker(seed, c);
                String key = keys.get(c);
                running.add(pool.submit(() -> {
                    clientLoop(key, picker, settings, measuredFrom, measuredTo, tally);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a bench client failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        String loadEnd = MachineInfo.currentLoadAverage();
        long last = tally.lastAnswer.get();
        double seconds = settings.duration() != null ? settings.duration().toNanos() / 1e9
                : last == Long.MIN_VALUE ? 0 : Math.max(0, last - measuredFrom) / 1e9;
        List<Double> ms;
        synchronized (tally) {
            ms = new ArrayList<>(tally.latenciesMs);
        }
        Collections.sort(ms);
        return new Level(clients, ms.size(), tally.sentences.get(), tally.cached.get(), tally.errors.get(), seconds,
                seconds > 0 ? tally.sentences.get() / seconds : 0, percentile(ms, 50), percentile(ms, 95),
                percentile(ms, 100), loadStart, loadEnd, tally.firstError.get(), tally.byKind());
    }

    private void clientLoop(String key, BenchArticles.Picker picker, Settings s, long measuredFrom, long measuredTo,
            Tally tally) {
        int counted = 0;
        while (true) {
            long started = System.nanoTime();
            if (Thread.currentThread().isInterrupted() || started >= measuredTo || (s.articlesPerClient() > 0 && counted >= s.articlesPerClient())) {
                return;
            }
            BenchArticles.Piece piece = picker.next();
            Answer answer = post(key, piece.text(), s);
            long answered = System.nanoTime();
            if (answer.error() != null) {
                tally.errors.incrementAndGet();
                tally.firstError.compareAndSet(null, answer.error());
            }
            boolean counts = s.duration() != null ? answered >= measuredFrom && answered <= measuredTo
                    : started >= measuredFrom;
            if (s.articlesPerClient() > 0 && counts) {
                counted++;
            }
            if (counts && answer.error() == null) {
                tally.add(piece.kind(), answer, (answered - started) / 1e6, answered);
            }
        }
    }

    /** A 200 answer's sentence counts, or the reason it failed. */
    record Answer(int sentences, int cached, String error) {}

    private Answer post(String key, String text, Settings s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("beams", s.beams());
        if (s.maxLength() != null) {
            body.put("maxLength", s.maxLength());
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/translate")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(new Gson().toJson(body), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer(0, 0, "I/O error: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, 0, "interrupted");
        }
        if (response.statusCode() != 200) {
            String b = response.body();
            return new Answer(0, 0, "HTTP " + response.statusCode() + ": " + (b.length() > 200 ? b.substring(0, 200) + "…" : b));
        }
        return count(response.body());
    }

    /** Counts the translated (not passthrough) sentences of a {@code /v1/translate} answer, and the cached ones. */
    static Answer count(String json) {
        int sentences = 0;
        int cached = 0;
        try {
            for (JsonElement p : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("paragraphs")) {
                for (JsonElement e : p.getAsJsonObject().getAsJsonArray("sentences")) {
                    JsonObject sentence = e.getAsJsonObject();
                    if (sentence.has("passthrough") && sentence.get("passthrough").getAsBoolean()) {
                        continue;
                    }
                    sentences++;
                    if (sentence.has("cached") && sentence.get("cached").getAsBoolean()) {
                        cached++;
                    }
                }
            }
        } catch (RuntimeException e) {
            return new Answer(0, 0, "unreadable answer: " + e.getMessage());
        }
        return new Answer(sentences, cached, null);
    }

    /** Nearest-rank percentile of sorted values; NaN when empty. */
    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** What the clients of one level add up, shared between their threads. */
    private static final class Tally {
        final AtomicInteger sentences = new AtomicInteger();
        final AtomicInteger cached = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong lastAnswer = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
        final AtomicReference<String> firstError = new AtomicReference<>();
        final List<Double> latenciesMs = new ArrayList<>();
        final java.util.EnumMap<BenchArticles.Kind, Integer> kinds = new java.util.EnumMap<>(BenchArticles.Kind.class);

        synchronized void add(BenchArticles.Kind kind, Answer answer, double ms, long answered) {
            sentences.addAndGet(answer.sentences());
            cached.addAndGet(answer.cached());
            latenciesMs.add(ms);
            kinds.merge(kind, 1, Integer::sum);
            lastAnswer.accumulateAndGet(answered, Math::max);
        }

        synchronized Map<BenchArticles.Kind, Integer> byKind() {
            return new java.util.EnumMap<>(kinds);
        }
    }
}
