package dev.tarjama.translation;

import java.util.Objects;

/**
 * One sentence translated by the engine. {@code score} is the length-normalized log-probability of
 * the translation; it must be finite (JSON has no NaN or infinity).
 */
public record EngineResult(String translation, double score) {
    public EngineResult {
        Objects.requireNonNull(translation, "translation");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score);
        }
    }
}
