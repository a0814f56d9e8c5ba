package dev.tarjama.translation;

import java.util.List;
import java.util.Objects;

/**
 * One sentence translated by the engine. {@code score} is the length-normalized log-probability of
 * the translation; it must be finite (JSON has no NaN or infinity). {@code alternatives} holds the
 * n best hypotheses, best first (the first is the translation itself) when they were asked for,
 * else it is empty.
 */
public record EngineResult(String translation, double score, List<Alternative> alternatives) {
    public EngineResult {
        Objects.requireNonNull(translation, "translation");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score);
        }
        alternatives = List.copyOf(alternatives);
    }

    /** A result without alternatives. */
    public EngineResult(String translation, double score) {
        this(translation, score, List.of());
    }
}
