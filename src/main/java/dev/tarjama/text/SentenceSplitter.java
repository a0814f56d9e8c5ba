package dev.tarjama.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Splits a stretch of Arabic news text (usually one paragraph) into sentences.
 *
 * <p>A sentence ends after a run of terminators ({@code . ! ? ؟ … ‼ ⁇ ⁈ ⁉ ۔}, e.g. {@code ?!} or
 * {@code ...}) together with the closing quotes and brackets right after it ({@code » " ' ” ’ ) ] }
 * ›}), but only when all of these hold:
 * <ul>
 *   <li>the run is followed by whitespace (or the end of the range): so decimals ({@code 2.5}),
 *       URLs ({@code www.example.com}), e-mail addresses, {@code د.أحمد} and {@code 10.30} never
 *       split;</li>
 *   <li>the next character can start a sentence: not a lowercase letter and not continuing
 *       punctuation ({@code , ، ; ؛ : ) ] } » % ٪});</li>
 *   <li>for a single {@code .}: the word before it is not an abbreviation: a title such as
 *       {@code Mr Mrs Ms Dr Prof St Gen Jr Sr vs etc e.g i.e}, {@code No Art Fig Vol p pp} before a
 *       number, a dotted acronym ({@code U.S}, {@code e.g}), a single letter (initials {@code J. K.},
 *       their Arabic spellings {@code جيه. كيه.},
 *       Arabic {@code د.} {@code أ.} {@code م.}; but the era markers {@code م.} and {@code هـ.} after a
 *       number, as in {@code عام 2022 م.}, do end a sentence), or a list number at the start of a
 *       sentence ({@code 1.} / {@code ١.});</li>
 *   <li>the run does not directly follow an opening bracket (the elision mark {@code (...)}, the
 *       remarks {@code (!)} and {@code (؟)}) and
 *       does not open the sentence (a leading {@code ...} belongs to what follows).</li>
 * </ul>
 * Commas and semicolons ({@code ، ؛ , ;}) never end a sentence. A range without final punctuation
 * (a headline) is one sentence. When in doubt the splitter does not split. Sentence spans never
 * start or end with whitespace (in the wide sense of {@link SourceNormalizer}: spaces, NBSP,
 * controls, bidi marks...), never cut a surrogate pair, and every other character of the range lies
 * in exactly one sentence. Stateless and thread-safe.
 */
public final class SentenceSplitter {
    private static final String TERMINATORS = ".!?\u061F\u2026\u203C\u2047\u2048\u2049\u06D4";
    private static final String CLOSERS = "\u00BB\"'\u201D\u2019)]}\u203A";
    private static final String OPENERS = "([{";
    private static final String CONTINUATION = ",\u060C;\u061B:)]}\u00BB%\u066A";

    /** Abbreviations (compared case-insensitively) whose period never ends a sentence. */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "gov",
            "sen", "rep", "rev", "hon", "mt", "ft", "vs", "etc", "e.g", "i.e", "cf", "approx", "inc", "ltd",
            "co", "corp", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
            "nov", "dec");
    /** Abbreviations whose period does not end a sentence when a number follows. */
    private static final Set<String> NUMBER_ABBREVIATIONS = Set.of("no", "nos", "art", "fig", "vol", "p", "pp", "ch", "sec");
    /** Latin letters as spelled in Arabic transliterations of initials ({@code جيه. كيه. رولينغ}). */
    private static final Set<String> ARABIC_LETTER_NAMES = Set.of(
            "إيه", "سي", "دي", "إي", "إف", "جي", "جيه", "إتش", "آي", "كيه", "كي", "إل", "إم", "إن", "أو",
            "كيو", "آر", "إس", "تي", "يو", "في", "دبليو", "إكس", "واي", "زد");
    /** Arabic era markers (AD / AH) that can close a sentence right after a year. */
    private static final Set<String> ERA_MARKERS = Set.of("م", "هـ", "ه");

    /**
     * Splits {@code text[start, end)} into sentence spans with absolute offsets into {@code text}.
     * Returns an empty list when the range holds only whitespace.
     */
    public List<Span> split(String text, int start, int end) {
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start || end > text.length()) {
            throw new IndexOutOfBoundsException("range [" + start + ", " + end + ") outside text of length " + text.length());
        }
        List<Span> sentences = new ArrayList<>();
        int rangeStart = Chars.skipBlank(text, start, end);
        int sentenceStart = rangeStart;
        int i = sentenceStart;
        while (i < end) {
            char c = text.charAt(i);
            if (TERMINATORS.indexOf(c) < 0) {
                i += Character.charCount(text.codePointAt(i));
                continue;
            }
            int runStart = i;
            int runEnd = i;
            while (runEnd < end && TERMINATORS.indexOf(text.charAt(runEnd)) >= 0) {
                runEnd++;
            }
            int after = runEnd;
            while (after < end && (CLOSERS.indexOf(text.charAt(after)) >= 0 || TERMINATORS.indexOf(text.charAt(after)) >= 0)) {
                after++;
            }
            if (endsSentence(text, rangeStart, sentenceStart, runStart, runEnd, after, end)) {
                sentences.add(new Span(sentenceStart, after));
                sentenceStart = Chars.skipBlank(text, after, end);
            }
            i = Math.max(after, runStart + 1);
            if (i < sentenceStart) {
                i = sentenceStart;
            }
        }
        int last = Chars.trimEnd(text, sentenceStart, end);
        if (last > sentenceStart) {
            sentences.add(new Span(sentenceStart, last));
        }
        return List.copyOf(sentences);
    }

    private static boolean endsSentence(
            String text, int rangeStart, int sentenceStart, int runStart, int runEnd, int after, int end) {
        if (after < end && !Chars.isBlank(text.codePointAt(after))) {
            return false;
        }
        int next = Chars.skipBlank(text, after, end);
        if (next < end) {
            int cp = text.codePointAt(next);
            if (Character.isLowerCase(cp) || CONTINUATION.indexOf(cp) >= 0) {
                return false;
            }
        }
        if (runStart == sentenceStart) {
            return false; // a leading "..." or "؟" continues into the sentence it introduces
        }
        if (runStart > rangeStart && OPENERS.indexOf(text.charAt(runStart - 1)) >= 0) {
            return false;
        }
        boolean singlePeriod = runEnd - runStart == 1 && text.charAt(runStart) == '.';
        return !singlePeriod || !isAbbreviation(text, rangeStart, sentenceStart, runStart, next < end ? text.codePointAt(next) : -1);
    }

    /** Whether the word ending at {@code dot} (exclusive) makes the period at {@code dot} an abbreviation. */
    private static boolean isAbbreviation(String text, int rangeStart, int sentenceStart, int dot, int nextCp) {
        int wordStart = dot;
        while (wordStart > rangeStart) {
            int cp = text.codePointBefore(wordStart);
            if (Chars.isBlank(cp) || OPENERS.indexOf(cp) >= 0 || cp == '"' || cp == '\u00AB' || cp == '\u201C') {
                break;
            }
            wordStart -= Character.charCount(cp);
        }
        String word = text.substring(wordStart, dot);
        if (word.isEmpty()) {
            return false;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (ABBREVIATIONS.contains(lower)) {
            return true;
        }
        if (NUMBER_ABBREVIATIONS.contains(lower) && nextCp >= 0 && Character.isDigit(nextCp)) {
            return true;
        }
        if (isDottedAcronym(word) || ARABIC_LETTER_NAMES.contains(word)) {
            return true;
        }
        if (isSingleLetter(word)) {
            if (ERA_MARKERS.contains(word) && followsNumber(text, rangeStart, wordStart)) {
                return false;
            }
            return true;
        }
        return wordStart == sentenceStart && isAllDigits(word);
    }

    /** Letters separated by single dots, each part one or two letters: {@code U.S}, {@code e.g}, {@code ق.م}. */
    private static boolean isDottedAcronym(String word) {
        if (word.indexOf('.') < 0) {
            return false;
        }
        for (String part : word.split("\\.", -1)) {
            if (part.isEmpty() || part.codePointCount(0, part.length()) > 2 || !part.codePoints().allMatch(Character::isLetter)) {
                return false;
            }
        }
        return true;
    }

    /** One letter, optionally followed by tatweel ({@code هـ}). */
    private static boolean isSingleLetter(String word) {
        String w = word.endsWith("\u0640") ? word.substring(0, word.length() - 1) : word;
        return w.codePointCount(0, w.length()) == 1 && Character.isLetter(w.codePointAt(0));
    }

    private static boolean isAllDigits(String word) {
        return word.codePoints().allMatch(Character::isDigit);
    }

    /** Whether the word before {@code wordStart} (skipping whitespace) ends with a digit. */
    private static boolean followsNumber(String text, int rangeStart, int wordStart) {
        int i = Chars.trimEnd(text, rangeStart, wordStart);
        return i > rangeStart && Character.isDigit(text.codePointBefore(i));
    }
}
