package dev.tarjama.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
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
    /** Rows (sentences × beams) whose logits are computed and ranked together; see {@link #topOfChunk}. */
    static final int ROWS_PER_CHUNK = 32;

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
        for (int r = 0; r < rows; r++) {
            sequences[r] = new int[] {decoderStart};
            beamScores[r] = r % k == 0 ? 0f : -1e9f; // only beam 0 is live at the first step
            tokens[r] = decoderStart;
        }
        state.expandBeams(k); // B·K decoder rows; cross-attention K/V stay [B, ...]
        int length = 1;
        while (true) {
            int n = active.length;
            float[] topScores;
            long[] topIds;
            topScores = new float[n * 2 * k];
            topIds = new long[n * 2 * k];
            try (NDScope scope = new NDScope()) {
                NDArray hidden = decoding.hidden(state, tokens); // [n·K, d]
                int chunk = Math.max(1, ROWS_PER_CHUNK / k); // sentences scored together
                for (int p0 = 0; p0 < n; p0 += chunk) {
                    int p1 = Math.min(n, p0 + chunk);
                    try (NDScope chunkScope = new NDScope()) {
                        topOfChunk(hidden, p0, p1, beamScores, length, topScores, topIds);
                    }
                }
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
            long[] keptSentences = new long[remaining];
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
                keptSentences[q] = p;
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
                state.selectRows(decoding.index(keepRows), remaining < n ? decoding.index(keptSentences) : null);
            }
            active = nextActive;
        }
        return results(hyps);
    }

    /**
     * Scores sentences {@code [p0, p1)} and writes their top {@code 2K} candidates (running score +
     * log-prob, and index into beams × vocab) into {@code topScores}/{@code topIds} at their rows.
     * Chunking bounds the per-step {@code [rows, V]} arrays (32 MB each at 128 rows) that the native
     * allocator would otherwise keep resident; each sentence's candidates depend only on its rows.
     *
     * <p>The top 2K of a sentence's K·V candidates are found in two stages: each beam's own top 2K
     * over V (one {@code topk} over {@code [rows, V]}, about 1.5x faster than over {@code [s, K·V]}),
     * then the best 2K of those K·2K here; any candidate in the sentence's top 2K is in its beam's top
     * 2K, so the result is the same, ties ordered by the lower index into beams × vocab.
     */
    private void topOfChunk(NDArray hidden, int p0, int p1, float[] beamScores, int length, float[] topScores,
            long[] topIds) {
        int k = strategy.beams();
        int sentences = p1 - p0;
        int width = 2 * k;
        NDArray rows = hidden.get(new NDIndex("{}:{}", p0 * k, p1 * k)); // [s·K, d]
        NDArray scores = decoding.scores(rows, length); // [s·K, V]
        float[] running = java.util.Arrays.copyOfRange(beamScores, p0 * k, p1 * k);
        NDArray total = scores.addi(decoding.manager().create(running, new Shape(sentences * k, 1))); // [s·K, V]
        NDList perBeam = total.topK(width, 1, true, true); // values, token ids: [s·K, 2K]
        float[] values = perBeam.get(0).toFloatArray();
        long[] ids = perBeam.get(1).toLongArray();
        Integer[] order = new Integer[k * width];
        for (int p = 0; p < sentences; p++) {
            int base = p * k * width; // this sentence's K·2K candidates in values/ids
            for (int c = 0; c < order.length; c++) {
                order[c] = c;
            }
            final int b = base;
            java.util.Arrays.sort(order, (x, y) -> {
                int byScore = Float.compare(values[b + y], values[b + x]); // descending
                return byScore != 0 ? byScore : Long.compare(flatIndex(x, ids[b + x], width), flatIndex(y, ids[b + y], width));
            });
            for (int r = 0; r < width; r++) {
                int c = order[r];
                topScores[(p0 + p) * width + r] = values[base + c];
                topIds[(p0 + p) * width + r] = flatIndex(c, ids[base + c], width);
            }
        }
    }

    /** Index into beams × vocab of candidate {@code c} (beam {@code c / width}) with token {@code token}. */
    private long flatIndex(int c, long token, int width) {
        return (long) (c / width) * vocab + token;
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
