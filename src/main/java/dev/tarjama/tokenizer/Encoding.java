package dev.tarjama.tokenizer;

import java.util.Arrays;
import java.util.List;

/**
 * A tokenized text: the pieces as {@code MarianTokenizer.tokenize} gives them (no final
 * {@code </s>}) and the model ids, which end with the {@code </s>} id. Never truncated.
 */
public record Encoding(List<String> pieces, int[] ids) {
    public Encoding {
        pieces = List.copyOf(pieces);
        ids = ids.clone();
        if (ids.length != pieces.size() + 1) {
            throw new IllegalArgumentException("expected " + (pieces.size() + 1) + " ids (pieces + </s>), got "
                    + ids.length);
        }
    }

    /** A copy of the ids. */
    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** Number of ids, {@code </s>} included. */
    public int length() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding e && pieces.equals(e.pieces) && Arrays.equals(ids, e.ids);
    }

    @Override
    public int hashCode() {
        return pieces.hashCode() * 31 + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "Encoding[pieces=" + pieces + ", ids=" + Arrays.toString(ids) + "]";
    }
}
