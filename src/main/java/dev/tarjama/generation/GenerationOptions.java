package dev.tarjama.generation;

import dev.tarjama.model.GenerationDefaults;
import java.util.Objects;

/**
 * Options of one generate call.
 *
 * @param strategy greedy or beam
 * @param maxLength maximum length of the returned sequence, decoder start and {@code </s>} included
 *     (transformers' {@code max_length}); {@code </s>} is forced at position {@code maxLength - 1}
 * @param minNewTokens {@code </s>} is banned until this many tokens were generated
 *     (transformers' {@code min_new_tokens}; used by the benchmark to force exact lengths)
 * @param lengthPenalty scores are {@code sum_logprob / generated_len^lengthPenalty}
 */
public record GenerationOptions(SearchStrategy strategy, int maxLength, int minNewTokens, double lengthPenalty) {
    public GenerationOptions {
        Objects.requireNonNull(strategy, "strategy");
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2, got " + maxLength);
        }
        if (minNewTokens < 0 || minNewTokens >= maxLength) {
            throw new IllegalArgumentException("minNewTokens must be in [0, maxLength), got " + minNewTokens);
        }
        if (!Double.isFinite(lengthPenalty)) {
            throw new IllegalArgumentException("lengthPenalty must be finite");
        }
    }

    /** The model's own generation defaults (generation_config.json). */
    public static GenerationOptions defaults(GenerationDefaults g) {
        return new GenerationOptions(
                SearchStrategy.of(g.numBeams(), g.earlyStopping()), g.maxLength(), 0, g.lengthPenalty());
    }

    /** A copy with another search strategy. */
    public GenerationOptions withStrategy(SearchStrategy s) {
        return new GenerationOptions(s, maxLength, minNewTokens, lengthPenalty);
    }

    /** A copy with another maximum length. */
    public GenerationOptions withMaxLength(int n) {
        return new GenerationOptions(strategy, n, Math.min(minNewTokens, n - 1), lengthPenalty);
    }

    /** A copy with a minimum number of new tokens. */
    public GenerationOptions withMinNewTokens(int n) {
        return new GenerationOptions(strategy, maxLength, n, lengthPenalty);
    }
}
