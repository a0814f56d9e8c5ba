package dev.tarjama.translation;

import java.util.List;
import java.util.Objects;

/**
 * One paragraph (a non-empty line of the article). {@code translation} is the sentences'
 * translations joined by single spaces.
 */
public record TranslatedParagraph(
        int index, int start, int end, String source, String translation, List<TranslatedSentence> sentences) {
    public TranslatedParagraph {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad paragraph span [" + start + ", " + end + ")");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(translation, "translation");
        sentences = List.copyOf(sentences);
    }
}
