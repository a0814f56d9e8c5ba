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
 * <p>TODO(lead): once {@code dev.tarjama.translation.TranslationService} is on main, translate the
 * article through it instead (cold = first request after start, cached = the same article again,
 * served from its sentence cache), with {@code new DecodeOptions(4, longestSentenceTokens)}. Until
 * then "cached" is a warm repeat through {@link MarianTranslator}, which has no cache.
 */
public final class ArticleBench {
    public static final int BATCH = 8;
    public static final int BEAMS = 4;

    private final MarianTranslator translator;

    public ArticleBench(MarianTranslator translator) {
        this.translator = translator;
    }

    /** Cold and warm latencies of one article, with its size. */
    public record Result(int sentences, int sourceTokens, int targetTokens, double coldMs, double cachedMs,
            String method) {}

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
        return new Result(sentences.size(), Arrays.stream(tokens).sum(), targetTokens, cold,
                GenerationBench.median(warm),
                "MarianTranslator, length-sorted batches of " + BATCH + ", beam " + BEAMS
                        + ", maxLength = longest source in batch + 1; no cache yet, cached = warm repeat");
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
