package dev.tarjama.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client must not starve the others, measured over HTTP: client "heavy" sends one big request
 * (many distinct sentences, wide beams, long maxLength); then, while it runs, client "light" sends
 * a one-sentence request every {@code intervalMillis}. Reports the latency of the light requests
 * sent while the heavy one was still running. Talks HTTP only (any running server will do).
 */
public final class FairnessBench {

    /** What to send. */
    public record Settings(int heavySentences, int heavyBeams, int heavyMaxLength, int lightRequests,
            long intervalMillis, int lightBeams, int lightMaxLength) {
        public Settings {
            if (heavySentences < 1 || lightRequests < 1 || intervalMillis < 1) {
                throw new IllegalArgumentException("heavy sentences, light requests and the interval must be positive");
            }
        }
    }

    /**
     * Figures: the heavy request's status and time; latencies (ms, sorted) of the light requests sent
     * while it ran, and how many light requests failed (non-200).
     */
    public record Result(int heavyStatus, double heavyMs, List<Double> lightMs, int lightSent, int lightFailed,
            String loadBefore, String loadAfter) {

        public double percentile(int p) {
            if (lightMs.isEmpty()) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * lightMs.size()) - 1;
            return lightMs.get(Math.max(0, Math.min(lightMs.size() - 1, i)));
        }

        public String summary() {
            return String.format(Locale.ROOT, "fairness: heavy request %d in %.0f ms; %d light requests sent while it ran "
                            + "(%d failed): p50 %.0f ms, p95 %.0f ms, max %.0f ms; load average before %s, after %s",
                    heavyStatus, heavyMs, lightMs.size(), lightFailed, percentile(50), percentile(95), percentile(100),
                    loadBefore, loadAfter);
        }
    }

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FairnessBench(URI base) {
        this.base = base;
    }

    /**
     * @param sentences source sentences; each is made distinct (a number in front) so that nothing is
     *     answered from the cache or shared between the two clients
     */
    public Result run(Settings s, String heavyKey, String lightKey, List<String> sentences) throws Exception {
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("no sentences to send");
        }
        String loadBefore = MachineInfo.currentLoadAverage();
        StringBuilder article = new StringBuilder();
        for (int i = 0; i < s.heavySentences(); i++) {
            if (i > 0) {
                article.append("\n\n");
            }
            article.append("(").append(i + 1).append(") ").append(sentences.get(i % sentences.size()));
        }
        long heavyStarted = System.nanoTime();
        CompletableFuture<HttpResponse<String>> heavy = client.sendAsync(
                request(heavyKey, article.toString(), s.heavyBeams(), s.heavyMaxLength()),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        CompletableFuture<Long> heavyDone = heavy.handle((r, e) -> System.nanoTime());
        Thread.sleep(Math.min(500, s.intervalMillis())); // the heavy request is queued first
        List<CompletableFuture<Double>> light = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < s.lightRequests() && !heavyDone.isDone(); i++) {
            String sentence = "[" + (i + 1) + "] " + sentences.get((i * 7 + 3) % sentences.size());
            long started = System.nanoTime();
            light.add(client.sendAsync(request(lightKey, sentence, s.lightBeams(), s.lightMaxLength()),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .thenApply(r -> r.statusCode() == 200 ? (System.nanoTime() - started) / 1e6 : -r.statusCode()));
            Thread.sleep(s.intervalMillis());
        }
        HttpResponse<String> heavyResponse = heavy.get(30, TimeUnit.MINUTES);
        double heavyMs = (heavyDone.get() - heavyStarted) / 1e6;
        List<Double> ms = new ArrayList<>();
        for (CompletableFuture<Double> f : light) {
            double v = f.get(30, TimeUnit.MINUTES);
            if (v < 0) {
                failed++;
            } else {
                ms.add(v);
            }
        }
        Collections.sort(ms);
        return new Result(heavyResponse.statusCode(), heavyMs, ms, light.size(), failed, loadBefore,
                MachineInfo.currentLoadAverage());
    }

    private HttpRequest request(String key, String text, int beams, int maxLength) {
        String body = new com.google.gson.Gson().toJson(java.util.Map.of("text", text, "beams", beams, "maxLength", maxLength));
        return HttpRequest.newBuilder(base.resolve("/v1/translate")).timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }
}
