package dev.tarjama.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.tarjama.model.MarianConfig;

/**
 * The logits processors transformers applies for Marian, on log-probabilities: {@code log_softmax}
 * of the raw logits, then banned tokens ({@code bad_words_ids}, i.e. pad) set to −∞, {@code </s>}
 * banned before {@code minNewTokens}, and {@code </s>} forced at length {@code maxLength − 1}
 * (every other token −∞, {@code </s>} 0). No renormalization, as in transformers' beam search.
 */
final class StepScorer {
    private final int[] bannedTokens;
    private final int eos;
    private final int forcedEos;
    private final GenerationOptions options;

    StepScorer(MarianConfig config, GenerationOptions options) {
        this.bannedTokens = config.generation().badTokenIds().clone();
        this.eos = config.eosTokenId();
        this.forcedEos = config.generation().forcedEosTokenId();
        this.options = options;
    }

    /**
     * @param logits raw logits {@code [R, V]}
     * @param length current sequence length, decoder start included
     * @return processed log-probabilities {@code [R, V]}
     */
    NDArray scores(NDArray logits, int length) {
        NDArray scores = logits.logSoftmax(-1);
        for (int token : bannedTokens) {
            scores.set(new NDIndex(":, {}", token), Float.NEGATIVE_INFINITY);
        }
        if (length - 1 < options.minNewTokens()) {
            scores.set(new NDIndex(":, {}", eos), Float.NEGATIVE_INFINITY);
        }
        if (forcedEos >= 0 && length == options.maxLength() - 1) {
            scores.set(new NDIndex(":"), Float.NEGATIVE_INFINITY);
            scores.set(new NDIndex(":, {}", forcedEos), 0f);
        }
        return scores;
    }

    int eos() {
        return eos;
    }
}
