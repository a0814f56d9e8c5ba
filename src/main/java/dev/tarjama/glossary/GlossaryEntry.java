package dev.tarjama.glossary;

import java.nio.charset.StandardCharsets;

/**
 * One glossary entry: an Arabic term and the English it must become. An entry whose {@code en} equals
 * its {@code ar} is a do-not-translate term: the source text is kept as written.
 *
 * <p>Both sides are non-blank, at most {@link #MAX_BYTES} UTF-8 bytes (DeepL's limit), without
 * leading or trailing whitespace and without control characters or line/paragraph separators (so
 * that every entry fits one CSV/TSV line). The Arabic side must keep at least one character after
 * folding (a term of only tashkeel is rejected).
 */
public record GlossaryEntry(String ar, String en) {
    /** Most UTF-8 bytes per side. */
    public static final int MAX_BYTES = 1024;

    public GlossaryEntry {
        check("ar", ar);
        check("en", en);
        if (ArabicFolding.foldTerm(ar).isEmpty()) {
            throw new IllegalArgumentException(
                    "ar term '" + ar + "' has nothing left to match once tashkeel and tatweel are ignored");
        }
    }

    /** A term kept as written in the source. */
    public static GlossaryEntry doNotTranslate(String term) {
        return new GlossaryEntry(term, term);
    }

    public boolean doNotTranslate() {
        return ar.equals(en);
    }

    /** "ar → en", as reported when a term is lost. */
    public String describe() {
        return ar + " → " + en;
    }

    private static void check(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " term must not be blank");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(field + " term '" + value + "' has leading or trailing whitespace");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException(field + " term is " + bytes + " UTF-8 bytes; at most " + MAX_BYTES + " allowed");
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (Character.getType(cp) == Character.CONTROL || cp == 0x2028 || cp == 0x2029) {
                throw new IllegalArgumentException(String.format("%s term contains control character U+%04X", field, cp));
            }
            if (Character.isSurrogate(value.charAt(i)) && Character.charCount(cp) == 1) {
                throw new IllegalArgumentException(field + " term contains an unpaired surrogate");
            }
            i += Character.charCount(cp);
        }
    }
}
