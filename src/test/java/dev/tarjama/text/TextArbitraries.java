package dev.tarjama.text;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of article-like text mixing Arabic, Latin, digits, punctuation and every kind of blank. */
final class TextArbitraries {
    private static final String[] FRAGMENTS = {
            "ا", "ب", "س", "ل", "م", "ي", "ة", "ـ", "د", "أ", "هـ", "قال", "الوزير", "روسيا", "جيه", "a", "e", "J", "U",
            "Dr", "Mr", "etc", "No", "the", "Reuters",
            ".", ".", ".", "!", "?", "؟", "…", "...", "?!", "،", "؛", ":", ",", ";", "«", "»", "\"", "'", "(", ")",
            "[", "]", "”", "’", "%", "٪", "٫", "-",
            "0", "1", "2022", "3.14", "٠", "١", "٢٫٥", "٥",
            " ", " ", " ", " ", "\n", "\r\n", "\r", "\t", "\u00A0", "\u2009", "\u3000", "\u2028",
            "😀", "👨‍👩‍👧", "\uD835\uDC00", "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u061C", "\u202B", "\u202C",
            "\u2067", "\u2069", "\u00AD", "\uFEFF", "\u2060", "\u0000", "\u0085",
            "www.example.com", "https://x.y/z.html", "news@example.co.uk"};

    private TextArbitraries() {
    }

    /** Article-like text of up to {@code maxFragments} fragments. */
    static Arbitrary<String> articles(int maxFragments) {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(maxFragments).map(parts -> String.join("", parts));
    }

    /** Article-like text or any string at all (lone surrogates included). */
    static Arbitrary<String> anyText() {
        return Arbitraries.oneOf(articles(120), Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withChars(".!?؟… \n\r\t\u00A0اب1٫»").ofMaxLength(40));
    }

    /** Whether a span boundary at {@code i} would cut a surrogate pair. */
    static boolean cutsSurrogatePair(String text, int i) {
        return i > 0 && i < text.length() && Character.isHighSurrogate(text.charAt(i - 1))
                && Character.isLowSurrogate(text.charAt(i));
    }

    /** Whether every code point of {@code text[start, end)} is blank. */
    static boolean isBlank(String text, int start, int end) {
        return text.substring(start, end).codePoints().allMatch(Chars::isBlank);
    }
}
