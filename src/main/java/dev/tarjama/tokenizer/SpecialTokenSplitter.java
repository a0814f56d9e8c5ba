package dev.tarjama.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text on literal special tokens the way transformers' added-token trie does: scanning left
 * to right, the earliest occurrence wins, and among tokens starting there the longest one. Empty
 * segments between tokens are dropped. Immutable.
 */
final class SpecialTokenSplitter {
    /** A segment of the input: either a special token or ordinary text. */
    record Segment(String text, boolean special) {}

    private final List<String> tokens;

    SpecialTokenSplitter(List<String> tokens) {
        for (String t : tokens) {
            if (t == null || t.isEmpty()) {
                throw new IllegalArgumentException("special tokens must be non-empty");
            }
        }
        this.tokens = List.copyOf(tokens);
    }

    List<Segment> split(String text) {
        List<Segment> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            String match = longestAt(text, i);
            if (match == null) {
                i++;
                continue;
            }
            if (i > start) {
                out.add(new Segment(text.substring(start, i), false));
            }
            out.add(new Segment(match, true));
            i += match.length();
            start = i;
        }
        if (start < text.length()) {
            out.add(new Segment(text.substring(start), false));
        }
        return out;
    }

    private String longestAt(String text, int at) {
        String best = null;
        for (String t : tokens) {
            if (text.startsWith(t, at) && (best == null || t.length() > best.length())) {
                best = t;
            }
        }
        return best;
    }
}
