package dev.tarjama.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Carries a sentence's inline marks onto its translation. A mark that covers the whole sentence
 * wraps the whole translation; a passed-through sentence keeps every mark at its own offsets; any
 * other mark is placed on the translation words aligned with its source words (target words whose
 * strongest source word lies inside the mark, or failing that the strongest target word of each of
 * its source words; the largest contiguous group of them wins; punctuation at the edges is left
 * outside unless the source element has it too). A point (br, img) goes after the translation of the
 * source word before it. Text the model copies (a Latin name, a number) is found in the translation
 * directly when it occurs there once. A mark that cannot be placed (no alignment) is returned as moved.
 */
final class MarkupPlacer {
    private static final String EDGE_PUNCTUATION = ".,;:!?\"'»«)(][…،؛؟“”‘’";

    private MarkupPlacer() {}

    /** A mark placed on the translation: {@code [start, end)} in the translation (start == end for points). */
    record Placed(InlineRun.Mark mark, int start, int end) {}

    /** The marks placed on one sentence and those that could not be. */
    record Result(List<Placed> placed, List<InlineRun.Mark> moved) {}

    /**
     * @param source the sentence as submitted
     * @param sourceStart the sentence's offset in the run's text (marks are in run offsets)
     * @param marks the run's marks that belong to this sentence
     * @param alignment asked for only when a mark needs it
     */
    static Result place(String source, int sourceStart, String translation, boolean passthrough,
            List<InlineRun.Mark> marks, Supplier<Optional<WordAlignment>> alignment) {
        List<Placed> placed = new ArrayList<>();
        List<InlineRun.Mark> moved = new ArrayList<>();
        int contentStart = firstContent(source);
        int contentEnd = lastContent(source);
        Optional<WordAlignment> words = null;
        for (InlineRun.Mark m : marks) {
            int a = Math.max(0, m.start() - sourceStart);
            int b = Math.min(source.length(), m.end() - sourceStart);
            if (m.kind() == InlineRun.Kind.ATOM) {
                if (a <= contentStart) {
                    placed.add(new Placed(m, 0, 0));
                } else if (a >= contentEnd) {
                    placed.add(new Placed(m, translation.length(), translation.length()));
                } else if (passthrough) {
                    placed.add(new Placed(m, a, a));
                } else {
                    words = words == null ? alignment.get() : words;
                    int at = words.map(w -> pointAfter(w, a)).orElse(-1);
                    if (at < 0) {
                        moved.add(m);
                    } else {
                        placed.add(new Placed(m, at, at));
                    }
                }
                continue;
            }
            int[] copied;
            if (a <= contentStart && b >= contentEnd) {
                placed.add(new Placed(m, 0, translation.length()));
            } else if (passthrough) {
                placed.add(new Placed(m, a, b));
            } else if ((copied = copied(source.substring(a, b), translation)) != null) {
                placed.add(new Placed(m, copied[0], copied[1]));
            } else {
                words = words == null ? alignment.get() : words;
                int[] span = words.map(w -> span(w, a, b, source, translation)).orElse(null);
                if (span == null) {
                    moved.add(m);
                } else {
                    placed.add(new Placed(m, span[0], span[1]));
                }
            }
        }
        return new Result(placed, moved);
    }

    /**
     * Where text the model copies (Latin words, numbers, URLs: no Arabic letter) stands in the
     * translation, digits compared by value; null unless it occurs exactly once as whole words.
     */
    static int[] copied(String marked, String translation) {
        String needle = asciiDigits(marked.strip());
        if (needle.isEmpty() || dev.tarjama.text.ArabicScript.hasLetter(needle)) {
            return null;
        }
        String hay = asciiDigits(translation);
        int found = -1;
        for (int at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
            int end = at + needle.length();
            boolean whole = (at == 0 || !Character.isLetterOrDigit(hay.charAt(at - 1)))
                    && (end == hay.length() || !Character.isLetterOrDigit(hay.charAt(end)));
            if (whole) {
                if (found >= 0) {
                    return null;
                }
                found = at;
            }
        }
        return found < 0 ? null : new int[] {found, found + needle.length()};
    }

    /** Arabic-Indic and Persian digits as ASCII (same length: one UTF-16 unit each). */
    private static String asciiDigits(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = dev.tarjama.text.Digits.value(c);
            out.append(v >= 0 && c > 127 ? (char) ('0' + v) : c);
        }
        return out.toString();
    }

    /** The translation offset after the target word aligned with the source word before {@code a}; -1 if none. */
    private static int pointAfter(WordAlignment w, int a) {
        int before = -1;
        for (int i = 0; i < w.sourceWords().size(); i++) {
            if (w.sourceWords().get(i)[1] <= a) {
                before = i;
            }
        }
        if (before < 0) {
            return 0;
        }
        return w.targetWords().get(w.sourceToTarget()[before])[1];
    }

    /** The translation span for source {@code [a, b)}, or null. */
    private static int[] span(WordAlignment w, int a, int b, String source, String translation) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < w.sourceWords().size(); i++) {
            int[] sw = w.sourceWords().get(i);
            if (sw[0] < b && sw[1] > a) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return null;
        }
        boolean[] hit = new boolean[w.targetWords().size()];
        boolean any = false;
        for (int t = 0; t < hit.length; t++) {
            if (w.targetToSource()[t] >= first && w.targetToSource()[t] <= last) {
                hit[t] = true;
                any = true;
            }
        }
        if (!any) {
            for (int s = first; s <= last; s++) {
                hit[w.sourceToTarget()[s]] = true;
            }
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int t = 0; t < hit.length; ) {
            if (!hit[t]) {
                t++;
                continue;
            }
            int u = t;
            while (u < hit.length && hit[u]) {
                u++;
            }
            if (u - t > bestLength) {
                bestStart = t;
                bestLength = u - t;
            }
            t = u;
        }
        int start = w.targetWords().get(bestStart)[0];
        int end = w.targetWords().get(bestStart + bestLength - 1)[1];
        String inner = source.substring(a, b).strip();
        if (inner.isEmpty() || EDGE_PUNCTUATION.indexOf(inner.charAt(inner.length() - 1)) < 0) {
            while (end > start + 1 && EDGE_PUNCTUATION.indexOf(translation.charAt(end - 1)) >= 0) {
                end--;
            }
        }
        if (inner.isEmpty() || EDGE_PUNCTUATION.indexOf(inner.charAt(0)) < 0) {
            while (start < end - 1 && EDGE_PUNCTUATION.indexOf(translation.charAt(start)) >= 0) {
                start++;
            }
        }
        return new int[] {start, end};
    }

    private static int firstContent(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int lastContent(String s) {
        int i = s.length();
        while (i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
