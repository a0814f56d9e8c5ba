package dev.tarjama.translation;

import java.util.Objects;

/**
 * One source sentence and its translation. {@code score} is the length-normalized log-probability
 * of the translation; {@code cached} says it came from the cache; {@code split} says the sentence was
 * over the token budget and was translated in pieces.
 */
public record TranslatedSentence(
        int index, int start, int end, String source, String translation, double score, boolean cached, boolean split) {
    public TranslatedSentence {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad sentence span [" + start + ", " + end + ")");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(translation, "translation");
    }
}
