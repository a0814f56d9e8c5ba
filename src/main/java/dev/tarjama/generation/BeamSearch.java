package dev.tarjama.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.tarjama.model.DecoderState;
import java.util.ArrayList;
import java.util.List;

/**
 * Beam search with transformers' semantics (BeamSearchScorer): per step, processed log-probs plus
 * each beam's running score; the top {@code 2·beams} candidates over beams × vocab in score order;
 * an {@code </s>} candidate ranked inside the top {@code beams} becomes a finished hypothesis;
 * the other candidates fill the next beams. Sentences that are done leave the batch.
 */
final class BeamSearch {
    private final Decoding decoding;
    private final SearchStrategy.Beam strategy;
    private final GenerationOptions options;
    private final int vocab;

    BeamSearch(Decoding decoding, SearchStrategy.Beam strategy, GenerationOptions options, int vocab) {
        this.decoding = decoding;
        this.strategy = strategy;
        this.options = options;
        this.vocab = vocab;
    }

    List<List<Hypothesis>> run(DecoderState state, int batch, int decoderStart) {
        int k = strategy.beams();
        BeamHypotheses[] hyps = new BeamHypotheses[batch];
        int[] active = new int[batch]; // position → sentence
        for (int s = 0; s < batch; s++) {
            hyps[s] = new BeamHypotheses(k, options.lengthPenalty(), strategy.earlyStopping(), options.maxLength());
            active[s] = s;
        }
        int rows = batch * k;
        int[][] sequences = new int[rows][];
        float[] beamScores = new float[rows];
        long[] tokens = new long[rows];
        long[] expand = new long[rows];
        for (int r = 0; r < rows; r++) {
            sequences[r] = new int[] {decoderStart};
            beamScores[r] = r % k == 0 ? 0f : -1e9f; // only beam 0 is live at the first step
            tokens[r] = decoderStart;
            expand[r] = r / k;
        }
        try (NDScope scope = new NDScope()) {
            state.selectRows(decoding.index(expand), true); // [B·K, ...], each sentence repeated K times
        }
        int length = 1;
        while (true) {
            int n = active.length;
            float[] topScores;
            long[] topIds;
            try (NDScope scope = new NDScope()) {
                NDArray scores = decoding.step(state, tokens, length); // [n·K, V]
                NDArray running = decoding.manager().create(beamScores, new Shape(n * k, 1));
                NDArray flat = scores.addi(running).reshape(n, (long) k * vocab); // [n, K·V]
                NDList top = flat.topK(2 * k, 1, true, true); // values, indices: [n, 2K]
                topScores = top.get(0).toFloatArray();
                topIds = top.get(1).toLongArray();
            }
            float[] nextScores = new float[n * k];
            long[] nextTokens = new long[n * k];
            long[] sourceRows = new long[n * k];
            boolean[] done = new boolean[n];
            for (int p = 0; p < n; p++) {
                int filled = 0;
                for (int rank = 0; rank < 2 * k && filled < k; rank++) {
                    float score = topScores[p * 2 * k + rank];
                    long id = topIds[p * 2 * k + rank];
                    int token = (int) (id % vocab);
                    int row = p * k + (int) (id / vocab);
                    if (token == decoding.eos()) {
                        if (rank < k) {
                            hyps[active[p]].add(sequences[row], score, length);
                        }
                    } else {
                        nextScores[p * k + filled] = score;
                        nextTokens[p * k + filled] = token;
                        sourceRows[p * k + filled] = row;
                        filled++;
                    }
                }
                if (filled < k) {
                    throw new IllegalStateException("beam search could not fill " + k + " beams");
                }
                done[p] = hyps[active[p]].isDone(topScores[p * 2 * k], length);
            }
            int[][] nextSequences = new int[n * k][];
            for (int j = 0; j < n * k; j++) {
                nextSequences[j] = GreedySearch.append(sequences[(int) sourceRows[j]], (int) nextTokens[j]);
            }
            length++;
            boolean stop = length >= options.maxLength();
            int remaining = 0;
            for (boolean d : done) {
                remaining += d ? 0 : 1;
            }
            if (stop || remaining == 0) {
                for (int p = 0; p < n; p++) {
                    if (!done[p]) {
                        for (int j = p * k; j < p * k + k; j++) {
                            hyps[active[p]].add(nextSequences[j], nextScores[j], nextSequences[j].length - 1);
                        }
                    }
                }
                break;
            }
            // keep the sentences still searching; reorder their caches to the chosen beams
            int[] nextActive = new int[remaining];
            long[] keepRows = new long[remaining * k];
            sequences = new int[remaining * k][];
            beamScores = new float[remaining * k];
            tokens = new long[remaining * k];
            int q = 0;
            for (int p = 0; p < n; p++) {
                if (done[p]) {
                    continue;
                }
                nextActive[q] = active[p];
                for (int b = 0; b < k; b++) {
                    int from = p * k + b;
                    int to = q * k + b;
                    keepRows[to] = sourceRows[from];
                    sequences[to] = nextSequences[from];
                    beamScores[to] = nextScores[from];
                    tokens[to] = nextTokens[from];
                }
                q++;
            }
            try (NDScope scope = new NDScope()) {
                state.selectRows(decoding.index(keepRows), remaining < n);
            }
            active = nextActive;
        }
        return results(hyps);
    }

    private List<List<Hypothesis>> results(BeamHypotheses[] hyps) {
        List<List<Hypothesis>> out = new ArrayList<>(hyps.length);
        for (BeamHypotheses h : hyps) {
            List<Hypothesis> best = new ArrayList<>();
            for (BeamHypotheses.Finished f : h.best(strategy.returnSequences())) {
                int[] ids = f.ids().length < options.maxLength() ? GreedySearch.append(f.ids(), decoding.eos()) : f.ids();
                best.add(new Hypothesis(ids, (float) f.score()));
            }
            out.add(best);
        }
        return out;
    }
}
