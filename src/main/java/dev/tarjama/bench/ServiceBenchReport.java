package dev.tarjama.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@code bench --service} run measured, printed as a table and written as JSON:
 * {@code {"levels":[{"clients","articles","sentences","seconds","sentencesPerSecond","p50Ms","p95Ms",
 * "errors","loadAverageStart","loadAverageEnd",...}], "setup":{...}, "machine":{...}, "definition"}}.
 *
 * @param model the model directory served (or a description of the random checkpoint)
 * @param service the service's settings as they were applied, e.g. {@code workers=1, threads=1, ...}
 * @param maxLengthRule how {@code settings.maxLength()} was chosen
 * @param cache how the sentence cache was kept from answering
 */
public record ServiceBenchReport(MachineInfo machine, String model, String service, ServiceBench.Settings settings,
        String maxLengthRule, String cache, Map<BenchArticles.Kind, Integer> pool, long seed,
        List<ServiceBench.Level> levels, String definition) {

    public void printTable(PrintStream out) {
        out.printf(Locale.ROOT, "machine: %s, %d cores, %s; oneMKL: %s%n", machine.cpuModel(), machine.cores(),
                machine.jvm(), machine.mkl());
        out.println("model: " + model);
        out.println("service: " + service);
        out.println("requests: beams " + settings.beams() + ", maxLength "
                + (settings.maxLength() == null ? "not sent" : settings.maxLength()) + ": " + maxLengthRule);
        out.println("cache: " + cache);
        out.printf(Locale.ROOT, "articles: %d short (%d paragraphs), %d medium (%d paragraphs), %d long (a whole article) "
                        + "distinct pieces, drawn per client with seed %d; %s%n",
                pool.getOrDefault(BenchArticles.Kind.SHORT, 0), BenchArticles.Kind.SHORT.paragraphs(),
                pool.getOrDefault(BenchArticles.Kind.MEDIUM, 0),
                BenchArticles.Kind.MEDIUM.paragraphs(), pool.getOrDefault(BenchArticles.Kind.LONG, 0), seed, phases());
        out.println();
        out.printf(Locale.ROOT, "%7s %8s %-12s %9s %8s %8s %9s %9s %9s %6s  %s%n", "clients", "articles", "(S/M/L)",
                "sentences", "seconds", "sent/s", "p50 ms", "p95 ms", "max ms", "errors", "load average start -> end");
        for (ServiceBench.Level l : levels) {
            out.printf(Locale.ROOT, "%7d %8d %-12s %9d %8.1f %8.2f %9.0f %9.0f %9.0f %6d  %s -> %s%n", l.clients(),
                    l.articles(), kinds(l.articlesByKind()), l.sentences(), l.seconds(), l.sentencesPerSecond(), l.p50Ms(),
                    l.p95Ms(), l.maxMs(), l.errors(), l.loadStart(), l.loadEnd());
        }
        for (ServiceBench.Level l : levels) {
            if (l.firstError() != null) {
                out.println(l.clients() + " client(s), first error: " + l.firstError());
            }
            if (l.cachedSentences() > 0) {
                out.println(l.clients() + " client(s): " + l.cachedSentences() + " sentences came from the cache");
            }
        }
        out.flush();
    }

    private String phases() {
        return "each level: " + settings.warmup().toSeconds() + " s warm-up, then "
                + (settings.duration() != null ? settings.duration().toSeconds() + " s measured"
                        : settings.articlesPerClient() + " article(s) per client measured");
    }

    private static String kinds(Map<BenchArticles.Kind, Integer> byKind) {
        return byKind.getOrDefault(BenchArticles.Kind.SHORT, 0) + "/" + byKind.getOrDefault(BenchArticles.Kind.MEDIUM, 0)
                + "/" + byKind.getOrDefault(BenchArticles.Kind.LONG, 0);
    }

    public String toJson() {
        JsonArray ls = new JsonArray();
        for (ServiceBench.Level l : levels) {
            JsonObject o = new JsonObject();
            o.addProperty("clients", l.clients());
            o.addProperty("articles", l.articles());
            JsonObject byKind = new JsonObject();
            for (BenchArticles.Kind k : BenchArticles.Kind.values()) {
                byKind.addProperty(k.name().toLowerCase(Locale.ROOT), l.articlesByKind().getOrDefault(k, 0));
            }
            o.add("articlesByKind", byKind);
            o.addProperty("sentences", l.sentences());
            o.addProperty("cachedSentences", l.cachedSentences());
            number(o, "seconds", l.seconds(), 1000);
            number(o, "sentencesPerSecond", l.sentencesPerSecond(), 100);
            number(o, "p50Ms", l.p50Ms(), 10);
            number(o, "p95Ms", l.p95Ms(), 10);
            number(o, "maxMs", l.maxMs(), 10);
            o.addProperty("errors", l.errors());
            if (l.firstError() != null) {
                o.addProperty("firstError", l.firstError());
            }
            o.addProperty("loadAverageStart", l.loadStart());
            o.addProperty("loadAverageEnd", l.loadEnd());
            ls.add(o);
        }
        JsonObject setup = new JsonObject();
        setup.addProperty("model", model);
        setup.addProperty("service", service);
        setup.addProperty("beams", settings.beams());
        if (settings.maxLength() != null) {
            setup.addProperty("maxLength", settings.maxLength());
        }
        setup.addProperty("maxLengthRule", maxLengthRule);
        setup.addProperty("cache", cache);
        setup.addProperty("warmupSeconds", settings.warmup().toMillis() / 1000.0);
        if (settings.duration() != null) {
            setup.addProperty("durationSeconds", settings.duration().toMillis() / 1000.0);
        } else {
            setup.addProperty("articlesPerClient", settings.articlesPerClient());
        }
        JsonObject p = new JsonObject();
        pool.forEach((k, n) -> p.addProperty(k.name().toLowerCase(Locale.ROOT), n));
        setup.add("distinctPieces", p);
        setup.addProperty("seed", seed);
        JsonObject m = machine.toJson();
        JsonObject root = new JsonObject();
        root.add("levels", ls);
        root.add("setup", setup);
        root.add("machine", m);
        root.addProperty("definition", definition);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    /** Rounded to 1/scale; null when there is no figure (no article answered). */
    private static void number(JsonObject o, String name, double v, double scale) {
        if (Double.isFinite(v)) {
            o.addProperty(name, Math.round(v * scale) / scale);
        } else {
            o.add(name, com.google.gson.JsonNull.INSTANCE);
        }
    }
}
