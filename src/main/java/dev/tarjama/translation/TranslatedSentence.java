package dev.tarjama.translation;

import java.util.List;
import java.util.Objects;

/**
 * One source sentence and its translation. {@code score} is the length-normalized log-probability
 * of the translation; {@code cached} says it came from the cache; {@code split} says the sentence was
 * over the token budget and was translated in pieces. {@code alternatives} (null unless asked for)
 * lists the n best translations with their scores, best first.
 */
public record TranslatedSentence(
        int index, int start, int end, String source, String translation, double score, boolean cached, boolean split,
        List<Alternative> alternatives) {
    public TranslatedSentence {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad sentence span [" + start + ", " + end + ")");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(translation, "translation");
        alternatives = alternatives == null ? null : List.copyOf(alternatives);
    }

    /** A sentence without alternatives. */
    public TranslatedSentence(
            int index, int start, int end, String source, String translation, double score, boolean cached, boolean split) {
        this(index, start, end, source, translation, score, cached, split, null);
    }
}
