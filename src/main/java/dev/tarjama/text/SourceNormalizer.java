package dev.tarjama.text;

import java.util.Objects;

/**
 * Normalizes a source sentence the way OPUS-MT training data was prepared, before it is tokenized.
 * The result only feeds the model; users always see the original text.
 *
 * <ul>
 *   <li>U+200B zero width space, U+2060 word joiner and U+FEFF BOM are deleted;</li>
 *   <li>every other {@code \p{C}} character (controls such as newline and tab, format characters such
 *       as LRM, RLM, ALM, LRE..PDF, LRI..PDI, ZWNJ, ZWJ, soft hyphen; surrogates, private use,
 *       unassigned) becomes a space;</li>
 *   <li>runs of whitespace (including NBSP and every other space separator) become one space;</li>
 *   <li>the result is trimmed.</li>
 * </ul>
 * Everything else, including tashkeel and punctuation, is kept as it is. The function is idempotent.
 */
public final class SourceNormalizer {
    private SourceNormalizer() {
    }

    /** Normalizes {@code s}; see the class description. */
    public static String normalize(String s) {
        Objects.requireNonNull(s, "s");
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Chars.isDeleted(cp)) {
                continue;
            }
            if (Chars.isBlank(cp)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && out.length() > 0) {
                out.append(' ');
            }
            pendingSpace = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }
}
