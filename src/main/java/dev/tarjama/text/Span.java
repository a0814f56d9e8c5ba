package dev.tarjama.text;

/**
 * A half-open range {@code [start, end)} of UTF-16 indices into some text.
 *
 * @param start first index, inclusive, {@code >= 0}
 * @param end   last index, exclusive, {@code >= start}
 */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
        }
    }

    /** Number of UTF-16 units covered. */
    public int length() {
        return end - start;
    }

    /** Whether the span covers nothing. */
    public boolean isEmpty() {
        return start == end;
    }

    /**
     * The covered text.
     *
     * @throws IndexOutOfBoundsException if the span does not fit in {@code text}
     */
    public String of(String text) {
        if (end > text.length()) {
            throw new IndexOutOfBoundsException(
                    "span [" + start + ", " + end + ") outside text of length " + text.length());
        }
        return text.substring(start, end);
    }
}
