package dev.tarjama.translation;

import java.util.List;
import java.util.Objects;

/**
 * One sentence translated by the engine. {@code score} is the length-normalized log-probability of
 * the translation; it must be finite (JSON has no NaN or infinity). {@code outputTokens} is the
 * number of target tokens the engine generated for it (0 when the engine does not say); it only
 * feeds the service's throughput counters. {@code alternatives} holds the n best hypotheses, best
 * first (the first is the translation itself) when they were asked for, else it is empty.
 */
public record EngineResult(String translation, double score, int outputTokens, List<Alternative> alternatives) {
    public EngineResult {
        Objects.requireNonNull(translation, "translation");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score);
        }
        if (outputTokens < 0) {
            throw new IllegalArgumentException("outputTokens must not be negative, got " + outputTokens);
        }
        alternatives = List.copyOf(alternatives);
    }

    /** A result with a generated token count and no alternatives. */
    public EngineResult(String translation, double score, int outputTokens) {
        this(translation, score, outputTokens, List.of());
    }

    /** A result without a generated token count or alternatives. */
    public EngineResult(String translation, double score) {
        this(translation, score, 0, List.of());
    }
}
