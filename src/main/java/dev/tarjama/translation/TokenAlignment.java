package dev.tarjama.translation;

import java.util.List;
import java.util.Objects;

/**
 * Where the model looked: for each target token of a translation, its attention over the source
 * tokens (the last decoder layer's cross-attention, heads averaged). Pieces are SentencePiece
 * pieces, a word starting with {@code ▁}; special tokens ({@code </s>}) are left out.
 *
 * @param weights {@code [targetPieces][sourcePieces]}, each row's mass over the kept source pieces
 */
public record TokenAlignment(List<String> sourcePieces, List<String> targetPieces, float[][] weights) {
    public TokenAlignment {
        sourcePieces = List.copyOf(sourcePieces);
        targetPieces = List.copyOf(targetPieces);
        Objects.requireNonNull(weights, "weights");
        if (weights.length != targetPieces.size()) {
            throw new IllegalArgumentException(weights.length + " weight rows for " + targetPieces.size() + " target pieces");
        }
        for (float[] row : weights) {
            if (row.length != sourcePieces.size()) {
                throw new IllegalArgumentException("a weight row has " + row.length + " columns for "
                        + sourcePieces.size() + " source pieces");
            }
        }
    }
}
