package dev.tarjama.text;

/** Character classes shared by the segmenters and the normalizer. */
final class Chars {
    private Chars() {
    }

    /** Zero-width characters that {@link SourceNormalizer} deletes instead of turning into a space. */
    static boolean isDeleted(int cp) {
        return cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
    }

    /** Unicode "Other" ({@code \p{C}}): control, format, surrogate, private use, unassigned. */
    static boolean isOther(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    /**
     * Whitespace in the wide sense used for segmentation: Java whitespace, every Unicode space
     * separator (NBSP included), and every invisible {@code \p{C}} character (bidi marks, ZWJ, ZWSP,
     * BOM...). Such characters never start or end a paragraph, sentence or piece, and they normalize to
     * a space or to nothing.
     */
    static boolean isBlank(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || isOther(cp);
    }

    /** Index after the blank code points starting at {@code from}, at most {@code end}. */
    static int skipBlank(String text, int from, int end) {
        int i = from;
        while (i < end) {
            int cp = text.codePointAt(i);
            if (!isBlank(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** Index just after the last non-blank code point in {@code [start, end)}, or {@code start}. */
    static int trimEnd(String text, int start, int end) {
        int i = end;
        while (i > start) {
            int cp = text.codePointBefore(i);
            if (!isBlank(cp)) {
                break;
            }
            i -= Character.charCount(cp);
        }
        return i;
    }
}
