package dev.tarjama.glossary;

import java.util.List;
import java.util.Objects;

/**
 * A sentence with its glossary terms replaced by placeholders: {@code text} goes to the model,
 * {@code original} is what was submitted.
 */
public record MaskedSentence(String original, String text, List<Placeholder> placeholders) {
    public MaskedSentence {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(text, "text");
        placeholders = List.copyOf(placeholders);
    }

    /** One masked term and the digit token that stands for it. */
    public record Placeholder(String token, TermMatch term) {
        public Placeholder {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(term, "term");
        }
    }
}
