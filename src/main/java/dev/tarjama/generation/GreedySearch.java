package dev.tarjama.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.tarjama.model.DecoderState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy decoding: the argmax of the processed scores at each step. Rows that emitted {@code </s>}
 * leave the batch at once (their caches are dropped), which gives the same tokens as transformers'
 * padding of finished rows.
 */
final class GreedySearch {
    private GreedySearch() {}

    static List<List<Hypothesis>> run(
            Decoding decoding, DecoderState state, int batch, int decoderStart, GenerationOptions options) {
        int[][] sequences = new int[batch][];
        double[] sums = new double[batch];
        int[] active = new int[batch]; // row → sentence
        long[] tokens = new long[batch];
        for (int s = 0; s < batch; s++) {
            sequences[s] = new int[] {decoderStart};
            active[s] = s;
            tokens[s] = decoderStart;
        }
        int length = 1;
        while (true) {
            long[] next;
            float[] best;
            try (NDScope scope = new NDScope()) {
                NDArray scores = decoding.step(state, tokens, length); // [R, V]
                NDArray chosen = scores.argMax(1); // [R]
                next = chosen.toLongArray();
                // the chosen tokens' log-probs: a gather of R values instead of a second pass over [R, V]
                best = scores.gather(chosen.reshape(-1, 1), 1).toFloatArray();
            }
            length++;
            int kept = 0;
            for (int r = 0; r < active.length; r++) {
                int s = active[r];
                sequences[s] = append(sequences[s], (int) next[r]);
                sums[s] += best[r];
                if (next[r] != decoding.eos()) {
                    active[kept] = s;
                    tokens[kept] = next[r];
                    kept++;
                }
            }
            if (kept == 0 || length >= options.maxLength()) {
                break;
            }
            if (kept < active.length) {
                long[] rows = keptRows(next, decoding.eos(), kept);
                try (NDScope scope = new NDScope()) {
                    state.selectRows(decoding.index(rows), true);
                }
                active = Arrays.copyOf(active, kept);
                tokens = Arrays.copyOf(tokens, kept);
            }
        }
        List<List<Hypothesis>> out = new ArrayList<>(batch);
        for (int s = 0; s < batch; s++) {
            int generated = sequences[s].length - 1;
            out.add(List.of(new Hypothesis(sequences[s], sums[s] / Math.pow(generated, options.lengthPenalty()))));
        }
        return out;
    }

    /** Indices (in the previous row order) of the rows that did not emit {@code </s>}. */
    private static long[] keptRows(long[] next, int eos, int kept) {
        long[] rows = new long[kept];
        int k = 0;
        for (int r = 0; r < next.length; r++) {
            if (next[r] != eos) {
                rows[k++] = r;
            }
        }
        return rows;
    }

    static int[] append(int[] seq, int token) {
        int[] out = Arrays.copyOf(seq, seq.length + 1);
        out[seq.length] = token;
        return out;
    }
}
