package dev.tarjama.translation;

import java.util.List;
import java.util.Objects;

/**
 * One paragraph (a non-empty line of the article). {@code translation} is the sentences'
 * translations joined by single spaces. {@code sourceLanguage} is the paragraph's identified
 * language (ISO 639-1, {@code und} when it cannot be told; null in documents that were not
 * assessed).
 */
public record TranslatedParagraph(int index, int start, int end, String source, String translation,
        List<TranslatedSentence> sentences, String sourceLanguage) {
    public TranslatedParagraph {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad paragraph span [" + start + ", " + end + ")");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(translation, "translation");
        sentences = List.copyOf(sentences);
    }

    /** A paragraph whose language was not identified. */
    public TranslatedParagraph(
            int index, int start, int end, String source, String translation, List<TranslatedSentence> sentences) {
        this(index, start, end, source, translation, sentences, null);
    }
}
