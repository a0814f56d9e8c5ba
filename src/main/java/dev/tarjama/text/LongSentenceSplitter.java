package dev.tarjama.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Splits a sentence that is too long for the model into pieces that each fit a token budget.
 *
 * <p>A sentence whose normalized text ({@link SourceNormalizer#normalize}) counts at most
 * {@code budget} tokens is returned whole. Otherwise it is cut, in this order of preference, after
 * {@code ؛ ;}, then after {@code ، ,}, then after {@code :} (each only where whitespace follows, so
 * {@code 1,000} and {@code 10:30} stay whole; the punctuation stays with the left piece), then between
 * words, and for a single word that alone is over budget, between characters (never inside a
 * surrogate pair). At each level neighbouring parts are merged greedily while they fit, so there are
 * as few pieces as the level allows; a part still over budget is cut at the next level. Pieces never
 * start or end with whitespace, are never empty, and together with the whitespace between them
 * rebuild the sentence exactly. Every piece fits the budget unless a single code point alone exceeds
 * it. Thread-safe when {@code tokenCount} is.
 */
public final class LongSentenceSplitter {
    private static final String[] DELIMITERS = {"\u061B;", "\u060C,", ":"};
    private static final int WORDS = DELIMITERS.length;
    private static final int CHARACTERS = WORDS + 1;

    private final ToIntFunction<String> tokenCount;
    private final int budget;

    /**
     * @param tokenCount counts the model tokens of a normalized sentence
     * @param budget     the most tokens a piece may have, {@code >= 1}
     */
    public LongSentenceSplitter(ToIntFunction<String> tokenCount, int budget) {
        this.tokenCount = Objects.requireNonNull(tokenCount, "tokenCount");
        if (budget < 1) {
            throw new IllegalArgumentException("token budget must be >= 1, got " + budget);
        }
        this.budget = budget;
    }

    /** The token budget. */
    public int budget() {
        return budget;
    }

    /** Whether {@code text[span]} fits the budget once normalized. */
    public boolean fits(String text, Span span) {
        return tokenCount.applyAsInt(SourceNormalizer.normalize(span.of(text))) <= budget;
    }

    /**
     * The pieces of {@code sentence} (absolute offsets into {@code text}), in order: the sentence
     * itself when it fits.
     */
    public List<Span> split(String text, Span sentence) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentence, "sentence");
        if (sentence.end() > text.length()) {
            throw new IndexOutOfBoundsException("sentence " + sentence + " outside text of length " + text.length());
        }
        if (sentence.isEmpty()) {
            throw new IllegalArgumentException("empty sentence " + sentence);
        }
        if (fits(text, sentence)) {
            return List.of(sentence);
        }
        int start = Chars.skipBlank(text, sentence.start(), sentence.end());
        int end = Chars.trimEnd(text, start, sentence.end());
        if (start == end) {
            return List.of(sentence);
        }
        List<Span> pieces = new ArrayList<>();
        cut(text, new Span(start, end), 0, pieces);
        return List.copyOf(pieces);
    }

    /** Appends the pieces of the trimmed, non-empty {@code span}, cutting at {@code level} or finer. */
    private void cut(String text, Span span, int level, List<Span> out) {
        if (level == CHARACTERS || fits(text, span)) {
            if (level == CHARACTERS) {
                group(text, parts(text, span, level), level, out);
            } else {
                out.add(span);
            }
            return;
        }
        List<Span> parts = parts(text, span, level);
        if (parts.size() == 1) {
            cut(text, span, level + 1, out);
        } else {
            group(text, parts, level, out);
        }
    }

    /** Greedily merges neighbouring parts while they fit; a part that alone does not fit is cut finer. */
    private void group(String text, List<Span> parts, int level, List<Span> out) {
        int i = 0;
        while (i < parts.size()) {
            Span first = parts.get(i);
            if (!fits(text, first)) {
                if (level == CHARACTERS) {
                    out.add(first); // a single code point over budget: nothing smaller exists
                } else {
                    cut(text, first, level + 1, out);
                }
                i++;
                continue;
            }
            // largest j with parts[i..j] fitting, by exponential then binary search (all tested fit)
            int lo = i;
            int step = 1;
            int hi = -1;
            while (hi < 0) {
                int probe = lo + step;
                if (probe >= parts.size()) {
                    hi = parts.size();
                } else if (fits(text, new Span(first.start(), parts.get(probe).end()))) {
                    lo = probe;
                    step *= 2;
                } else {
                    hi = probe;
                }
            }
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (fits(text, new Span(first.start(), parts.get(mid).end()))) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.add(new Span(first.start(), parts.get(lo).end()));
            i = lo + 1;
        }
    }

    /** The trimmed, non-empty parts of {@code span} when cut at {@code level}. */
    private static List<Span> parts(String text, Span span, int level) {
        List<Span> parts = new ArrayList<>();
        int partStart = span.start();
        int i = span.start();
        while (i < span.end()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            boolean cutHere;
            int pieceEnd = next;
            if (level == CHARACTERS) {
                cutHere = true;
            } else if (level == WORDS) {
                cutHere = Chars.isBlank(cp);
                pieceEnd = i;
            } else {
                cutHere = DELIMITERS[level].indexOf(cp) >= 0 && next < span.end() && Chars.isBlank(text.codePointAt(next));
            }
            if (cutHere) {
                int end = Chars.trimEnd(text, partStart, pieceEnd);
                if (end > partStart) {
                    parts.add(new Span(partStart, end));
                }
                partStart = Chars.skipBlank(text, next, span.end());
                i = partStart;
            } else {
                i = next;
            }
        }
        if (partStart < span.end()) {
            parts.add(new Span(partStart, span.end()));
        }
        return parts;
    }
}
