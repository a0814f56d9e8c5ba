package dev.tarjama.translation;

import java.util.List;
import java.util.Objects;

/**
 * One sentence translated by the engine. {@code score} is the length-normalized log-probability of
 * the translation; it must be finite (JSON has no NaN or infinity). {@code alternatives} holds the
 * n best hypotheses, best first (the first is the translation itself) when they were asked for,
 * else it is empty. {@code outputTokens} is the number of target tokens the engine generated for
 * the translation (0 when the engine does not say); it only feeds the service's throughput counters.
 */
public record EngineResult(String translation, double score, List<Alternative> alternatives, int outputTokens) {
    public EngineResult {
        Objects.requireNonNull(translation, "translation");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score);
        }
        alternatives = List.copyOf(alternatives);
        if (outputTokens < 0) {
            throw new IllegalArgumentException("outputTokens must not be negative, got " + outputTokens);
        }
    }

    /** A result without a generated token count. */
    public EngineResult(String translation, double score, List<Alternative> alternatives) {
        this(translation, score, alternatives, 0);
    }

    /** A result without alternatives. */
    public EngineResult(String translation, double score) {
        this(translation, score, List.of());
    }
}
