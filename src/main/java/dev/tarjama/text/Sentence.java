package dev.tarjama.text;

/**
 * One sentence of a paragraph: its position within the paragraph and its UTF-16 offsets
 * {@code [start, end)} in the original text, so {@code text.substring(start, end)} is the sentence.
 * A sentence is never empty and never starts or ends with whitespace.
 *
 * @param index position of the sentence within its paragraph, from 0
 * @param start first UTF-16 index in the original text, inclusive
 * @param end   last UTF-16 index in the original text, exclusive, {@code > start}
 */
public record Sentence(int index, int start, int end) {
    public Sentence {
        if (index < 0) {
            throw new IllegalArgumentException("negative sentence index " + index);
        }
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("invalid sentence span [" + start + ", " + end + ")");
        }
    }

    /** The offsets as a {@link Span}. */
    public Span span() {
        return new Span(start, end);
    }

    /** The sentence's text, sliced from the original text. */
    public String text(String original) {
        return span().of(original);
    }
}
