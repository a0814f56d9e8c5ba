package dev.tarjama.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Decoding settings from the model's generation config (generation_config.json over config.json).
 *
 * @param numBeams         beams for beam search; 1 means greedy
 * @param maxLength        maximum sequence length, decoder start token included
 * @param minLength        minimum sequence length, decoder start token included (0 = none)
 * @param badTokenIds      tokens that are never generated (single-token {@code bad_words_ids})
 * @param forcedEosTokenId token forced at step {@code maxLength - 1}, or -1 for none
 * @param lengthPenalty    exponent of the length normalization of beam scores
 * @param earlyStopping    beam search stopping rule
 */
public record GenerationDefaults(int numBeams, int maxLength, int minLength, int[] badTokenIds,
        int forcedEosTokenId, double lengthPenalty, EarlyStopping earlyStopping) {

    public GenerationDefaults {
        if (numBeams < 1) {
            throw new IllegalArgumentException("num_beams must be >= 1, got " + numBeams);
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("max_length must be >= 1, got " + maxLength);
        }
        if (minLength < 0 || minLength > maxLength) {
            throw new IllegalArgumentException(
                    "min_length must be in [0, max_length=" + maxLength + "], got " + minLength);
        }
        badTokenIds = Objects.requireNonNull(badTokenIds, "badTokenIds").clone();
        for (int id : badTokenIds) {
            if (id < 0) {
                throw new IllegalArgumentException("bad_words_ids contains negative id " + id);
            }
        }
        if (forcedEosTokenId < -1) {
            throw new IllegalArgumentException("forced_eos_token_id must be >= 0 (or absent), got "
                    + forcedEosTokenId);
        }
        if (!Double.isFinite(lengthPenalty)) {
            throw new IllegalArgumentException("length_penalty must be finite, got " + lengthPenalty);
        }
        Objects.requireNonNull(earlyStopping, "earlyStopping");
    }

    @Override
    public int[] badTokenIds() {
        return badTokenIds.clone();
    }

    /** Whether a forced EOS token is configured. */
    public boolean hasForcedEos() {
        return forcedEosTokenId >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenerationDefaults g && numBeams == g.numBeams && maxLength == g.maxLength
                && minLength == g.minLength && Arrays.equals(badTokenIds, g.badTokenIds)
                && forcedEosTokenId == g.forcedEosTokenId
                && Double.compare(lengthPenalty, g.lengthPenalty) == 0 && earlyStopping == g.earlyStopping;
    }

    @Override
    public int hashCode() {
        return Objects.hash(numBeams, maxLength, minLength, Arrays.hashCode(badTokenIds), forcedEosTokenId,
                lengthPenalty, earlyStopping);
    }

    @Override
    public String toString() {
        return "GenerationDefaults[numBeams=" + numBeams + ", maxLength=" + maxLength + ", minLength="
                + minLength + ", badTokenIds=" + Arrays.toString(badTokenIds) + ", forcedEosTokenId="
                + forcedEosTokenId + ", lengthPenalty=" + lengthPenalty + ", earlyStopping=" + earlyStopping + "]";
    }
}
