package dev.tarjama.export;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.util.List;
import java.util.Locale;

/**
 * Text helpers shared by all exporters: removal of characters no export can carry, number
 * formatting, the document title, and the sentence rows of a paragraph.
 */
final class Texts {
    private Texts() {}

    /**
     * Removes every code point that XML 1.0 forbids, so that all formats carry the same text and
     * XML outputs always parse: C0 controls other than TAB, LF and CR, unpaired surrogates (which
     * UTF-8 cannot encode either), U+FFFE and U+FFFF. Everything else, including bidi marks and
     * supplementary characters, is kept. Removal (not replacement) is documented behaviour.
     */
    static String clean(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) { // fast path: nothing to remove
            int cp = s.codePointAt(i);
            if (!allowed(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n);
        b.append(s, 0, i);
        while (i < n) {
            int cp = s.codePointAt(i);
            if (allowed(cp)) {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /** XML 1.0 {@code Char}: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
    static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** Score with four decimals ({@code -0.1000}); empty for NaN (a row without a score). */
    static String score(double score) {
        return Double.isFinite(score) ? String.format(Locale.ROOT, "%.4f", score + 0.0) : ""; // -0.0 prints as 0
    }

    /** An index as text; empty for a negative index (a synthesized row). */
    static String index(int index) {
        return index < 0 ? "" : Integer.toString(index);
    }

    /** The context's title, else the first paragraph's translation, else a generic title. */
    static String title(TranslatedDocument doc, ExportContext ctx) {
        String given = clean(ctx.title()).strip();
        if (!given.isEmpty()) {
            return given;
        }
        for (TranslatedParagraph p : doc.paragraphs()) {
            String t = clean(p.translation()).strip();
            if (!t.isEmpty()) {
                return t;
            }
        }
        return "Translated article";
    }

    /**
     * The aligned rows of a paragraph: its sentences, or, for a paragraph that has text but no
     * sentences (possible in a hand-edited document), one synthesized row with index -1 and no score,
     * so that no text is silently dropped.
     */
    static List<TranslatedSentence> rows(TranslatedParagraph p) {
        if (!p.sentences().isEmpty()) {
            return p.sentences();
        }
        if (p.source().isEmpty() && p.translation().isEmpty()) {
            return List.of();
        }
        return List.of(new TranslatedSentence(
                -1, p.start(), p.end(), p.source(), p.translation(), Double.NaN, false, false));
    }

    /** A one-line note for a sentence flagged for review ("Review: number mismatch; …"), or null. */
    static String reviewNote(TranslatedSentence s) {
        if (!s.needsReview()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("Review: ");
        for (int i = 0; i < s.review().reasons().size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(s.review().reasons().get(i).message());
        }
        return clean(sb.toString());
    }
}
