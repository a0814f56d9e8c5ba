package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tarjama.http.metrics.ProcessMemory;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.testutil.Golden;
import dev.tarjama.translation.MarianEngine;
import dev.tarjama.translation.MarianTranslator;
import dev.tarjama.translation.ServiceConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 32 concurrent clients against the real engine on the tiny model, on loopback, for
 * {@code -Dtarjama.load.seconds} (default 10; the full run is 60). Each client sends articles of
 * 1–3 training lines (one paragraph each) with greedy decoding and the cache off, so every sentence
 * goes through the queue and the engine; the queue holds 24 sentences, so clients beyond it get 429
 * and retry (all clients share 127.0.0.1, so the per-client request limit is raised to 32). Asserts: no 5xx, no other status, every answer complete and equal to the reference
 * translation of each line computed alone before the run, some 429s that later succeeded, heap and
 * RSS stable. Prints the figures.
 */
class LoadTest {
    private static final int CLIENTS = 32;
    private static final String OPTIONS = "?beams=1&maxLength=128";

    @Test
    void thirtyTwoClientsGetCompleteCorrectAnswersAndRetryPastTheQueueLimit() throws Exception {
        DjlRuntime.configure(1);
        int seconds = Integer.getInteger("tarjama.load.seconds", 10);
        List<String> ar = Golden.lines("parallel/train.ar");
        List<String> en = Golden.lines("parallel/train.en");
        try (MarianTranslator translator = MarianTranslator.load(ModelDirectory.open(Golden.TINY_MODEL));
                TestServer server = TestServer.start(new MarianEngine(translator),
                        ServiceConfig.DEFAULTS.withCacheMaxChars(0).withQueueCapacity(24).withBatch(16, 4096, 5),
                        HttpConfig.DEFAULTS.withMaxClientRequests(CLIENTS), () -> true)) {
            // reference: every line as its own paragraph of one request, before any concurrency
            HttpResponse<String> all = post(server, String.join("\n\n", ar));
            assertEquals(200, all.statusCode(), all.body());
            JsonArray allParagraphs = paragraphs(all);
            assertEquals(ar.size(), allParagraphs.size());
            List<String> reference = new ArrayList<>();
            int equalToTrainEn = 0;
            for (int i = 0; i < ar.size(); i++) {
                String t = allParagraphs.get(i).getAsJsonObject().get("translation").getAsString();
                reference.add(t);
                if (t.equals(en.get(i))) {
                    equalToTrainEn++;
                }
            }
            Memory before = Memory.now();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger overloaded = new AtomicInteger();
            AtomicInteger retriedOk = new AtomicInteger();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(c);
                clients.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        int k = 1 + random.nextInt(3);
                        List<Integer> lines = new ArrayList<>();
                        while (lines.size() < k) {
                            int i = random.nextInt(ar.size());
                            if (!lines.contains(i)) {
                                lines.add(i);
                            }
                        }
                        String article = String.join("\n\n", lines.stream().map(ar::get).toList());
                        long started = System.nanoTime();
                        boolean refused = false;
                        while (true) {
                            HttpResponse<String> r;
                            try {
                                r = post(server, article);
                            } catch (Exception e) {
                                problems.add("transport: " + e);
                                return null;
                            }
                            if (r.statusCode() == 429) {
                                overloaded.incrementAndGet();
                                refused = true;
                                Thread.sleep(20 + random.nextInt(60));
                                continue;
                            }
                            if (r.statusCode() != 200) {
                                problems.add(r.statusCode() + " " + r.body());
                                break;
                            }
                            JsonArray ps = paragraphs(r);
                            if (ps.size() != k) {
                                problems.add("expected " + k + " paragraphs, got " + ps.size());
                                break;
                            }
                            for (int p = 0; p < k; p++) {
                                String got = ps.get(p).getAsJsonObject().get("translation").getAsString();
                                if (!got.equals(reference.get(lines.get(p)))) {
                                    problems.add("line " + lines.get(p) + ": '" + got + "' != '" + reference.get(lines.get(p)) + "'");
                                }
                            }
                            ok.incrementAndGet();
                            if (refused) {
                                retriedOk.incrementAndGet();
                            }
                            latencies.add((System.nanoTime() - started) / 1_000_000);
                            break;
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) / 4);
            long rssQuarter = ProcessMemory.residentBytes();
            for (Future<?> f : clients) {
                f.get(seconds + 120L, TimeUnit.SECONDS);
            }
            pool.shutdown();
            Memory after = Memory.now();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            double fiveXx = server.api.metrics().requests("POST", "/v1/translate", 500)
                    + server.api.metrics().requests("POST", "/v1/translate", 503)
                    + server.api.metrics().requests("POST", "/v1/translate", 504);
            System.out.printf("load (tiny model, %d clients, %d s): %d ok (%.1f/s), %d x 429 (%d requests succeeded after a 429), "
                            + "%d problems, 5xx %.0f; latency incl. retries p50 %d ms, p95 %d ms, max %d ms; "
                            + "reference equal to train.en: %d/%d%n",
                    CLIENTS, seconds, ok.get(), ok.get() / (double) seconds, overloaded.get(), retriedOk.get(),
                    problems.size(), fiveXx, pct(sorted, 50), pct(sorted, 95), pct(sorted, 100), equalToTrainEn, ar.size());
            System.out.printf("memory: heap after GC %d -> %d MiB, RSS %d -> %d (at 1/4 of the run) -> %d MiB%n",
                    before.heap >> 20, after.heap >> 20, before.rss >> 20, rssQuarter >> 20, after.rss >> 20);
            assertTrue(problems.isEmpty(), problems.size() + " problems, first: " + problems.peek());
            assertEquals(0, fiveXx);
            assertTrue(ok.get() >= CLIENTS, "every client got answers: " + ok.get());
            assertTrue(overloaded.get() > 0 && retriedOk.get() > 0, "the queue limit was reached and retries succeeded");
            assertTrue(equalToTrainEn >= ar.size() * 9 / 10, "the tiny model reproduces train.en: " + equalToTrainEn);
            assertTrue(after.heap - before.heap < 64L << 20, "heap grew by " + ((after.heap - before.heap) >> 20) + " MiB");
            assertTrue(after.rss - before.rss < 256L << 20, "RSS grew by " + ((after.rss - before.rss) >> 20) + " MiB");
        }
    }

    private static HttpResponse<String> post(TestServer server, String article) throws Exception {
        return server.client.send(HttpRequest.newBuilder(URI.create(server.base + "/v1/translate" + OPTIONS))
                        .timeout(Duration.ofSeconds(120)).header("Content-Type", "text/plain; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(article, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonArray paragraphs(HttpResponse<String> r) {
        JsonObject doc = TestServer.json(r);
        return doc.getAsJsonArray("paragraphs");
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private record Memory(long heap, long rss) {
        static Memory now() throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(50);
            }
            return new Memory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), ProcessMemory.residentBytes());
        }
    }
}
