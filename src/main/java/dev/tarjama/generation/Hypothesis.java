package dev.tarjama.generation;

/**
 * One generated sequence as transformers returns it: the decoder start token first and {@code </s>}
 * last (unless the sequence hit {@code maxLength}).
 *
 * @param ids the token ids
 * @param score {@code sum of token log-probabilities / generatedTokens^lengthPenalty}
 *     ({@code sequences_scores} for beam search; the same formula for greedy)
 */
public record Hypothesis(int[] ids, double score) {
    public Hypothesis {
        ids = ids.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** Generated tokens, {@code </s>} included, decoder start excluded. */
    public int generatedTokens() {
        return ids.length - 1;
    }
}
