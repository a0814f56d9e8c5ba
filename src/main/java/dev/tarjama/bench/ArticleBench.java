package dev.tarjama.bench;

import dev.tarjama.generation.GenerationOptions;
import dev.tarjama.generation.SearchStrategy;
import dev.tarjama.model.EarlyStopping;
import dev.tarjama.text.Paragraph;
import dev.tarjama.text.Segmenter;
import dev.tarjama.text.Sentence;
import dev.tarjama.text.SourceNormalizer;
import dev.tarjama.translation.MarianTranslator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * End-to-end latency of one article: segment, normalize, tokenize, translate with beam 4, decode.
 *
 * <p>A random-weight model never chooses {@code </s>} on its own, so each batch's {@code maxLength}
 * is its longest source + 1: every sentence yields as many target tokens as the longest source of
 * its batch (real ar→en output is about as long as the source). Sentences are sorted by token count
 * and translated in batches of {@link #BATCH}.
 *
 * <p>The article is also sent through the translation service ({@link #measureService}): that gives
 * the cold figure of the real request path and the cached one.
 */
public final class ArticleBench {
    public static final int BATCH = 8;
    public static final int BEAMS = 4;

    private final MarianTranslator translator;

    public ArticleBench(MarianTranslator translator) {
        this.translator = translator;
    }

    /**
     * Latencies of one article: {@code coldMs}/{@code cachedMs} through the translation service (first
     * request, then the same article from its cache); {@code sortedColdMs}/{@code sortedWarmMs}
     * through {@link MarianTranslator} in length-sorted batches with per-batch maxLength.
     */
    public record Result(int sentences, int sourceTokens, int targetTokens, double coldMs, double cachedMs,
            double sortedColdMs, double sortedWarmMs, String method) {}

    public Result measure(String article, int repeats) {
        List<String> sentences = sentences(article);
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("the article has no sentences");
        }
        int[] tokens = sentences.stream().mapToInt(translator::tokenCount).toArray();
        long t0 = System.nanoTime();
        int targetTokens = translate(sentences, tokens);
        double cold = (System.nanoTime() - t0) / 1e6;
        double[] warm = new double[Math.max(1, repeats)];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            translate(sentences, tokens);
            warm[i] = (System.nanoTime() - t) / 1e6;
        }
        double[] service = measureService(article);
        return new Result(sentences.size(), Arrays.stream(tokens).sum(), targetTokens, service[0], service[1], cold,
                GenerationBench.median(warm),
                "cold/cached: TranslationService (default config), beam " + BEAMS + ", maxLength = longest sentence + 1"
                        + " for the whole article; sorted: MarianTranslator, length-sorted batches of " + BATCH
                        + ", maxLength = longest source in batch + 1 (targetTokens counts this path)");
    }

    /**
     * Cold and cached latency through the translation service (its default config: one worker,
     * batches of up to 32 sentences, sentence cache): the first request translates every sentence,
     * the second is served from the cache. Options: beam 4, {@code maxLength} = the article's longest
     * sentence + 1, so with a random model every sentence runs to the longest one's length (the
     * service has one maxLength per request) — a pessimistic cold figure.
     */
    public double[] measureService(String article) {
        List<String> sentences = sentences(article);
        int longest = sentences.stream().mapToInt(translator::tokenCount).max().orElse(1);
        dev.tarjama.translation.DecodeOptions options = new dev.tarjama.translation.DecodeOptions(BEAMS,
                Math.min(dev.tarjama.translation.DecodeOptions.MAX_LENGTH, longest + 1));
        try (dev.tarjama.translation.TranslationService service = new dev.tarjama.translation.TranslationService(
                new dev.tarjama.translation.MarianEngine(translator))) {
            long t0 = System.nanoTime();
            service.translate(article, options);
            double cold = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            service.translate(article, options);
            double cached = (System.nanoTime() - t1) / 1e6;
            return new double[] {cold, cached};
        }
    }

    /** Translates every sentence; returns the number of target tokens produced. */
    private int translate(List<String> sentences, int[] tokens) {
        Integer[] order = new Integer[sentences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> tokens[i]));
        int produced = 0;
        for (int from = 0; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            List<String> batch = new ArrayList<>();
            int longest = 0;
            for (int j = from; j < to; j++) {
                batch.add(sentences.get(order[j]));
                longest = Math.max(longest, tokens[order[j]]);
            }
            int maxLength = Math.min(translator.maxSourceTokens(), Math.max(2, longest + 1));
            GenerationOptions options = new GenerationOptions(
                    SearchStrategy.of(BEAMS, EarlyStopping.HEURISTIC), maxLength, 0, 1.0);
            for (MarianTranslator.Result r : translator.translate(batch, options)) {
                produced += r.best().ids().length - 1;
            }
        }
        return produced;
    }

    /** The article's sentences as the service would send them: segmented, normalized, non-empty. */
    static List<String> sentences(String article) {
        List<String> out = new ArrayList<>();
        for (Paragraph p : new Segmenter().segment(article)) {
            for (Sentence s : p.sentences()) {
                String normalized = SourceNormalizer.normalize(s.text(article));
                if (!normalized.isEmpty()) {
                    out.add(normalized);
                }
            }
        }
        return out;
    }
}
