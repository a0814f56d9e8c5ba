package dev.tarjama.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tarjama.model.DecoderState;
import dev.tarjama.model.MarianModel;

/** One decoder step shared by the search strategies: feed one token per row, score the next. */
final class Decoding {
    private final MarianModel model;
    private final NDManager manager;
    private final StepScorer scorer;

    Decoding(MarianModel model, NDManager manager, StepScorer scorer) {
        this.model = model;
        this.manager = manager;
        this.scorer = scorer;
    }

    /**
     * Call inside an NDScope: intermediates are freed by it, the state's caches survive.
     *
     * @param tokens the last token of each row
     * @param length current sequence length of every row, decoder start included
     * @return processed log-probabilities {@code [R, V]}
     */
    NDArray step(DecoderState state, long[] tokens, int length) {
        NDArray input = manager.create(tokens, new Shape(tokens.length, 1)); // [R, 1]
        NDArray hidden = model.decode(state, input); // [R, 1, d]
        NDArray logits = model.logits(hidden.reshape(tokens.length, -1)); // [R, V]
        return scorer.scores(logits, length);
    }

    /** An int64 index array {@code [n]} for row selection. */
    NDArray index(long[] rows) {
        return manager.create(rows);
    }

    NDManager manager() {
        return manager;
    }

    int eos() {
        return scorer.eos();
    }
}
