package dev.tarjama.translation;

import java.util.Objects;

/**
 * One sentence translated by the engine. {@code score} is the length-normalized log-probability of
 * the translation; it must be finite (JSON has no NaN or infinity). {@code outputTokens} is the
 * number of target tokens the engine generated for it (0 when the engine does not say); it only
 * feeds the service's throughput counters.
 */
public record EngineResult(String translation, double score, int outputTokens) {
    public EngineResult {
        Objects.requireNonNull(translation, "translation");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score);
        }
        if (outputTokens < 0) {
            throw new IllegalArgumentException("outputTokens must not be negative, got " + outputTokens);
        }
    }

    /** A result without a generated token count. */
    public EngineResult(String translation, double score) {
        this(translation, score, 0);
    }
}
