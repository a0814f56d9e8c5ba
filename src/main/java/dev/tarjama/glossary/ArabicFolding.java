package dev.tarjama.glossary;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * The folding used to match Arabic terms: tashkeel (harakat, tanween, shadda, sukun, superscript
 * alef, Quranic marks), tatweel and invisible format characters (ZWNJ, ZWJ, bidi marks) are dropped;
 * alef with hamza or madda ({@code أ إ آ ٱ}) becomes bare alef {@code ا}; Arabic presentation forms
 * fold to base letters (NFKC of that character only); every run of whitespace becomes one space. Nothing
 * else changes (no case folding of Latin, no {@code ى/ي} or {@code ة/ه} folding).
 *
 * <p>{@link #fold(String)} keeps, for every folded char, the UTF-16 span of the original character it
 * came from, so a match in the folded text maps back to exact offsets in the original.
 */
public final class ArabicFolding {
    private ArabicFolding() {
    }

    /** Folded text plus, per folded char, the {@code [start, end)} of the original char behind it. */
    public record Folded(String original, String text, int[] starts, int[] ends) {
        /** UTF-16 start in the original of folded index {@code i} (or the original length at the end). */
        public int originalStart(int i) {
            return i < starts.length ? starts[i] : original.length();
        }

        /** UTF-16 end in the original of the folded span ending (exclusive) at {@code i}. */
        public int originalEnd(int i) {
            return i == 0 ? 0 : ends[i - 1];
        }
    }

    /** Folds {@code s}; see the class comment. */
    public static Folded fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int[] starts = new int[s.length() + 8];
        int[] ends = new int[s.length() + 8];
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isWhitespace(cp)) {
                int j = next;
                while (j < s.length() && isWhitespace(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                if (out.length() == 0 || out.charAt(out.length() - 1) != ' ') {
                    starts = grow(starts, out.length());
                    ends = grow(ends, out.length());
                    starts[out.length()] = i;
                    ends[out.length()] = j;
                    out.append(' ');
                }
                i = j;
                continue;
            }
            if (!isIgnorable(cp)) {
                String mapped = map(cp);
                for (int k = 0; k < mapped.length(); k++) {
                    starts = grow(starts, out.length());
                    ends = grow(ends, out.length());
                    starts[out.length()] = i;
                    ends[out.length()] = next;
                    out.append(mapped.charAt(k));
                }
            }
            i = next;
        }
        return new Folded(s, out.toString(), Arrays.copyOf(starts, out.length()), Arrays.copyOf(ends, out.length()));
    }

    /** The folded form of a term, trimmed. */
    public static String foldTerm(String term) {
        return fold(term).text().strip();
    }

    /** Tashkeel, tatweel and format characters: dropped when matching. */
    public static boolean isIgnorable(int cp) {
        return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06DC)
                || (cp >= 0x06DF && cp <= 0x06E8) || (cp >= 0x06EA && cp <= 0x06ED) || cp == 0x0640
                || Character.getType(cp) == Character.FORMAT;
    }

    static boolean isWhitespace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static String map(int cp) {
        if (cp == 'أ' || cp == 'إ' || cp == 'آ' || cp == 'ٱ') {
            return "ا";
        }
        if ((cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) {
            String n = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
            StringBuilder sb = new StringBuilder();
            n.codePoints().filter(c -> !isIgnorable(c)).forEach(c -> sb.append(map0(c)));
            return sb.toString();
        }
        return new String(Character.toChars(cp));
    }

    private static String map0(int cp) {
        return (cp == 'أ' || cp == 'إ' || cp == 'آ' || cp == 'ٱ') ? "ا" : new String(Character.toChars(cp));
    }

    private static int[] grow(int[] a, int index) {
        return index < a.length ? a : Arrays.copyOf(a, Math.max(16, a.length * 2));
    }
}
