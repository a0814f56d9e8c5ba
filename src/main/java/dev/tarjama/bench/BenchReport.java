package dev.tarjama.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Everything one {@code bench} run measured, printed as a table and written as JSON. The JSON has
 * at least {@code {"results":[{"mode","batch","tokensPerSecond"}], "loadMs", "peakRssMb",
 * "articleMs":{"cold","cached"}}}, plus machine info and the exact definitions used.
 *
 * @param article null when the article part was skipped
 */
public record BenchReport(MachineInfo machine, double engineStartMs, double loadMs, List<Double> loadRunsMs,
        List<GenerationBench.Result> results, ArticleBench.Result article, long peakRssMb, String loadAverageAtEnd,
        String definition, String precision) {

    public void printTable(PrintStream out) {
        out.printf(Locale.ROOT, "machine: %s, %d cores, intra-op threads %d, inter-op %d, %s%n", machine.cpuModel(),
                machine.cores(), machine.intraOpThreads(), machine.interOpThreads(), machine.jvm());
        out.printf(Locale.ROOT, "oneMKL: %s%n", machine.mkl());
        out.printf(Locale.ROOT, "precision: %s%n", precision);
        out.printf(Locale.ROOT, "load average: %s at start, %s at end%n", machine.loadAverage(), loadAverageAtEnd);
        out.printf(Locale.ROOT, "engine start %.0f ms; model load %.0f ms (median of %d)%n", engineStartMs, loadMs,
                loadRunsMs.size());
        out.println();
        out.printf(Locale.ROOT, "%-7s %5s %7s %10s %10s %10s %9s  %s%n", "mode", "batch", "workers", "tok/s",
                "tok/cpu-s", "median ms", "peak MB", "load avg");
        for (GenerationBench.Result r : results) {
            out.printf(Locale.ROOT, "%-7s %5d %7d %10.1f %10.1f %10.0f %9d  %s%n", r.mode(), r.batch(), r.workers(),
                    r.tokensPerSecond(), r.tokensPerCpuSecond(), r.medianMs(), r.peakRssMb(), r.loadAverage());
        }
        if (article != null) {
            out.println();
            out.printf(Locale.ROOT, "article: %d sentences, %d source tokens: service cold %.0f ms, cached %.0f ms;"
                    + " sorted batches (%d target tokens) cold %.0f ms, warm %.0f ms%n",
                    article.sentences(), article.sourceTokens(), article.coldMs(), article.cachedMs(),
                    article.targetTokens(), article.sortedColdMs(), article.sortedWarmMs());
            out.println("  (" + article.method() + ")");
        }
        out.printf(Locale.ROOT, "peak RSS %d MB%n", peakRssMb);
        out.flush();
    }

    public String toJson() {
        JsonObject root = new JsonObject();
        JsonArray rs = new JsonArray();
        for (GenerationBench.Result r : results) {
            JsonObject o = new JsonObject();
            o.addProperty("mode", r.mode());
            o.addProperty("batch", r.batch());
            o.addProperty("workers", r.workers());
            o.addProperty("tokensPerSecond", round(r.tokensPerSecond()));
            o.addProperty("tokensPerCpuSecond", round(r.tokensPerCpuSecond()));
            o.addProperty("medianMs", round(r.medianMs()));
            JsonArray runs = new JsonArray();
            r.runMs().forEach(ms -> runs.add(round(ms)));
            o.add("runMs", runs);
            o.addProperty("peakRssMb", r.peakRssMb());
            o.addProperty("loadAverage", r.loadAverage());
            rs.add(o);
        }
        root.add("results", rs);
        root.addProperty("loadMs", round(loadMs));
        JsonArray loads = new JsonArray();
        loadRunsMs.forEach(ms -> loads.add(round(ms)));
        root.add("loadRunsMs", loads);
        root.addProperty("engineStartMs", round(engineStartMs));
        root.addProperty("peakRssMb", peakRssMb);
        if (article != null) {
            JsonObject a = new JsonObject();
            a.addProperty("cold", round(article.coldMs()));
            a.addProperty("cached", round(article.cachedMs()));
            a.addProperty("sortedBatchesCold", round(article.sortedColdMs()));
            a.addProperty("sortedBatchesWarm", round(article.sortedWarmMs()));
            a.addProperty("sentences", article.sentences());
            a.addProperty("sourceTokens", article.sourceTokens());
            a.addProperty("targetTokens", article.targetTokens());
            a.addProperty("method", article.method());
            root.add("articleMs", a);
        }
        JsonObject m = machine.toJson();
        m.addProperty("loadAverageStart", machine.loadAverage());
        m.addProperty("loadAverageEnd", loadAverageAtEnd);
        root.add("machine", m);
        root.addProperty("precision", precision);
        root.addProperty("definition", definition);
        return new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";
    }

    private static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
