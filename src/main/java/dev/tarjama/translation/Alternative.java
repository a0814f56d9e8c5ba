package dev.tarjama.translation;

import java.util.Objects;

/** One of the n best translations of a sentence, with its length-normalized log-probability. */
public record Alternative(String translation, double score) {
    public Alternative {
        Objects.requireNonNull(translation, "translation");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score);
        }
    }
}
