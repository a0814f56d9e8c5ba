package dev.tarjama.text;

import java.util.List;
import java.util.Objects;

/**
 * One paragraph (one non-blank line) of the original text, with its sentences. Offsets are UTF-16
 * indices into the original text; the paragraph excludes its line's leading and trailing whitespace.
 *
 * @param index     position of the paragraph in the document, from 0
 * @param start     first UTF-16 index, inclusive
 * @param end       last UTF-16 index, exclusive, {@code > start}
 * @param sentences the paragraph's sentences in order, at least one, inside {@code [start, end)},
 *                  non-overlapping, indexed 0, 1, 2... within the paragraph
 */
public record Paragraph(int index, int start, int end, List<Sentence> sentences) {
    public Paragraph {
        if (index < 0) {
            throw new IllegalArgumentException("negative paragraph index " + index);
        }
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("invalid paragraph span [" + start + ", " + end + ")");
        }
        sentences = List.copyOf(Objects.requireNonNull(sentences, "sentences"));
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("paragraph " + index + " has no sentences");
        }
        int previousEnd = start;
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            if (s.index() != i) {
                throw new IllegalArgumentException("sentence " + i + " of paragraph " + index + " has index " + s.index());
            }
            if (s.start() < previousEnd || s.end() > end) {
                throw new IllegalArgumentException("sentence [" + s.start() + ", " + s.end() + ") out of order or outside"
                        + " paragraph [" + start + ", " + end + ")");
            }
            previousEnd = s.end();
        }
    }

    /** The offsets as a {@link Span}. */
    public Span span() {
        return new Span(start, end);
    }

    /** The paragraph's text, sliced from the original text. */
    public String text(String original) {
        return span().of(original);
    }
}
