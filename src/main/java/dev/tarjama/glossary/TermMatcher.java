package dev.tarjama.glossary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds glossary terms in a sentence: on {@link ArabicFolding folded} text (tashkeel, tatweel and
 * hamza on alef ignored), at word boundaries, leftmost first and longest first, without overlaps.
 * A term may carry one attached proclitic ({@code و ف ب ل ك}, or {@code و}/{@code ف} followed by
 * {@code ب ل ك}): {@code وموسكو} matches {@code موسكو}; the proclitic stays in the source. Latin is
 * matched case-sensitively. Immutable and thread-safe.
 */
public final class TermMatcher {
    private static final String PROCLITICS = "وفبلك";

    private final Node root = new Node();

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>();
        GlossaryEntry entry;
    }

    public TermMatcher(List<GlossaryEntry> entries) {
        for (GlossaryEntry e : entries) {
            String key = ArabicFolding.foldTerm(e.ar());
            Node n = root;
            for (int i = 0; i < key.length(); i++) {
                n = n.next.computeIfAbsent(key.charAt(i), c -> new Node());
            }
            if (n.entry != null) {
                throw new IllegalArgumentException(
                        "terms '" + n.entry.ar() + "' and '" + e.ar() + "' are the same once tashkeel is ignored");
            }
            n.entry = e;
        }
    }

    /** The terms in {@code sentence}, in order, with offsets into it. */
    public List<TermMatch> find(String sentence) {
        ArabicFolding.Folded folded = ArabicFolding.fold(sentence);
        String f = folded.text();
        List<TermMatch> out = new ArrayList<>();
        int i = 0;
        while (i < f.length()) {
            if (!startsWord(f, i)) {
                i++;
                continue;
            }
            int[] hit = longestAt(f, i);
            for (int p = 1; hit == null && p <= 2 && isProclitic(f, i, p); p++) {
                hit = longestAt(f, i + p);
            }
            if (hit == null) {
                i++;
                continue;
            }
            int s = folded.originalStart(hit[0]);
            int e = folded.originalEnd(hit[1]);
            while (e < sentence.length() && ArabicFolding.isIgnorable(sentence.charAt(e))
                    && Character.getType(sentence.charAt(e)) != Character.FORMAT) {
                e++; // tashkeel or tatweel on the last letter belongs to the term
            }
            out.add(new TermMatch(s, e, sentence.substring(s, e), entryAt(f, hit[0], hit[1])));
            i = hit[1];
        }
        return out;
    }

    private static boolean startsWord(String f, int i) {
        return Character.isLetterOrDigit(f.charAt(i)) && (i == 0 || !Character.isLetterOrDigit(f.charAt(i - 1)));
    }

    private static boolean isProclitic(String f, int i, int length) {
        if (i + length >= f.length()) {
            return false;
        }
        if (length == 1) {
            return PROCLITICS.indexOf(f.charAt(i)) >= 0;
        }
        return (f.charAt(i) == 'و' || f.charAt(i) == 'ف') && "بلك".indexOf(f.charAt(i + 1)) >= 0;
    }

    /** {start, end} of the longest term starting at {@code from} and ending at a word boundary. */
    private int[] longestAt(String f, int from) {
        Node n = root;
        int best = -1;
        for (int j = from; j < f.length(); j++) {
            n = n.next.get(f.charAt(j));
            if (n == null) {
                break;
            }
            if (n.entry != null && (j + 1 == f.length() || !Character.isLetterOrDigit(f.charAt(j + 1)))) {
                best = j + 1;
            }
        }
        return best < 0 ? null : new int[] {from, best};
    }

    private GlossaryEntry entryAt(String f, int start, int end) {
        Node n = root;
        for (int j = start; j < end; j++) {
            n = n.next.get(f.charAt(j));
        }
        return n.entry;
    }
}
