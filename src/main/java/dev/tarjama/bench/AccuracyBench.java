package dev.tarjama.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tarjama.generation.GenerationOptions;
import dev.tarjama.generation.Hypothesis;
import dev.tarjama.generation.SearchStrategy;
import dev.tarjama.model.EarlyStopping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How far a reduced precision moves generation away from fp32, measured, never assumed: for the
 * same sources and options, the share of sentences whose best ids equal fp32's, the mean length of
 * the common prefix relative to fp32's length, and the mean |score difference| of the best
 * hypotheses (log-probability sums divided by length^penalty, as transformers' sequence scores).
 */
public final class AccuracyBench {
    private AccuracyBench() {}

    /** One comparison: a model, a precision, a search. */
    public record Row(String model, String precision, String search, int sentences, int sameIds,
            double meanPrefixShare, double meanAbsScoreDiff, int exactToReference, int referenceCount) {
        public double sameShare() {
            return sentences == 0 ? 0 : (double) sameIds / sentences;
        }

        public String line() {
            String ref = referenceCount == 0 ? "-" : exactToReference + "/" + referenceCount;
            return String.format(Locale.ROOT, "%-22s %-9s %-7s %5d %9.1f%% %11.1f%% %13.5f %10s", model, precision,
                    search, sentences, 100 * sameShare(), 100 * meanPrefixShare, meanAbsScoreDiff, ref);
        }

        public static String header() {
            return String.format(Locale.ROOT, "%-22s %-9s %-7s %5s %10s %12s %13s %10s", "model", "precision",
                    "search", "n", "same ids", "same prefix", "mean |dscore|", "memorized");
        }
    }

    /** The rows and the load average as the report's JSON ({@code bench --accuracy --out}). */
    public static String toJson(List<Row> rows, String loadAtStart, String loadAtEnd) {
        JsonObject root = new JsonObject();
        JsonArray array = new JsonArray();
        for (Row r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("model", r.model());
            o.addProperty("precision", r.precision());
            o.addProperty("search", r.search());
            o.addProperty("sentences", r.sentences());
            o.addProperty("sameIds", r.sameIds());
            o.addProperty("meanPrefixShare", r.meanPrefixShare());
            o.addProperty("meanAbsScoreDiff", r.meanAbsScoreDiff());
            if (r.referenceCount() > 0) {
                o.addProperty("exactToReference", r.exactToReference());
                o.addProperty("referenceCount", r.referenceCount());
            }
            array.add(o);
        }
        root.add("rows", array);
        root.addProperty("loadAverageAtStart", loadAtStart);
        root.addProperty("loadAverageAtEnd", loadAtEnd);
        return new GsonBuilder().setPrettyPrinting().create().toJson(root);
    }

    /** The searches compared: greedy and beam 4 (early stopping as opus-mt's defaults). */
    public static List<SearchStrategy> searches() {
        return List.of(SearchStrategy.of(1, EarlyStopping.HEURISTIC), SearchStrategy.of(4, EarlyStopping.HEURISTIC));
    }

    public static String name(SearchStrategy s) {
        return s instanceof SearchStrategy.Beam b ? "beam" + b.beams() : "greedy";
    }

    /**
     * Compares best hypotheses. {@code exact} (nullable) flags, per sentence, whether the reduced
     * output equals a reference text (the fixture's memorized translation).
     */
    public static Row compare(String model, String precision, String search, List<Hypothesis> fp32,
            List<Hypothesis> reduced, boolean[] exact) {
        if (fp32.size() != reduced.size()) {
            throw new IllegalArgumentException("different sentence counts: " + fp32.size() + " and " + reduced.size());
        }
        int same = 0;
        double prefix = 0;
        double diff = 0;
        for (int i = 0; i < fp32.size(); i++) {
            int[] a = fp32.get(i).ids();
            int[] b = reduced.get(i).ids();
            if (Arrays.equals(a, b)) {
                same++;
            }
            int common = 0;
            while (common < a.length && common < b.length && a[common] == b[common]) {
                common++;
            }
            prefix += a.length == 0 ? 1 : (double) common / a.length;
            diff += Math.abs(fp32.get(i).score() - reduced.get(i).score());
        }
        int n = fp32.size();
        int exactCount = 0;
        if (exact != null) {
            for (boolean e : exact) {
                exactCount += e ? 1 : 0;
            }
        }
        return new Row(model, precision, search, n, same, n == 0 ? 0 : prefix / n, n == 0 ? 0 : diff / n, exactCount,
                exact == null ? 0 : exact.length);
    }

    /**
     * Seeded random sources for a random-weight model: lengths 8 to 48 tokens (ids avoiding the
     * special ones), each ending with {@code </s>}.
     */
    public static List<int[]> randomSources(long seed, int count, int vocab, int eos, int pad) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] ids = new int[8 + random.nextInt(41)];
            for (int t = 0; t < ids.length - 1; t++) {
                int id;
                do {
                    id = 2 + random.nextInt(vocab - 2);
                } while (id == pad || id == eos);
                ids[t] = id;
            }
            ids[ids.length - 1] = eos;
            out.add(ids);
        }
        return out;
    }

    /** Options for the random model: up to 32 new tokens (it rarely picks {@code </s>} by itself). */
    public static GenerationOptions randomModelOptions(SearchStrategy search) {
        return new GenerationOptions(search, 33, 0, 1.0);
    }
}
