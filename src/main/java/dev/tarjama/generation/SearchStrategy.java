package dev.tarjama.generation;

import dev.tarjama.model.EarlyStopping;
import java.util.Objects;

/** How the next tokens are chosen: greedy argmax or beam search, with transformers' semantics. */
public sealed interface SearchStrategy permits SearchStrategy.Greedy, SearchStrategy.Beam {

    /** Number of hypotheses returned per source. */
    int returnSequences();

    /** The argmax of the processed scores at each step. */
    record Greedy() implements SearchStrategy {
        @Override
        public int returnSequences() {
            return 1;
        }
    }

    /**
     * Beam search over {@code beams} live hypotheses, returning the {@code returnSequences} best
     * finished ones.
     */
    record Beam(int beams, int returnSequences, EarlyStopping earlyStopping) implements SearchStrategy {
        public Beam {
            if (beams < 2) {
                throw new IllegalArgumentException("beam search needs at least 2 beams, got " + beams);
            }
            if (returnSequences < 1 || returnSequences > beams) {
                throw new IllegalArgumentException(
                        "returnSequences must be between 1 and beams (" + beams + "), got " + returnSequences);
            }
            Objects.requireNonNull(earlyStopping, "earlyStopping");
        }
    }

    /** Greedy for one beam, else beam search returning the best hypothesis. */
    static SearchStrategy of(int beams, EarlyStopping earlyStopping) {
        return beams <= 1 ? new Greedy() : new Beam(beams, 1, earlyStopping);
    }
}
