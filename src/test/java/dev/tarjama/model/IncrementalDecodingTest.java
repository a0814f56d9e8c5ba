package dev.tarjama.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tarjama.testutil.Golden;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The self-attention cache (in-place buffers that grow in chunks) gives the same decoder states
 * one token at a time as the whole target at once, across several growths, and after a row
 * selection (beam reordering) in the middle.
 */
class IncrementalDecodingTest {
    private static final int STEPS = 2 * DecoderState.GROWTH + 5;
    private static MarianModel model;

    @BeforeAll
    static void load() {
        DjlRuntime.configure(1);
        model = MarianModel.load(ModelDirectory.open(Golden.TINY_MODEL));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void stepByStepDecodingMatchesWholeSequenceAcrossCacheGrowth() {
        try (NDManager m = model.manager().newSubManager()) {
            long[] source = {5, 17, 42, 99, 3, 0, 0, 0, 7, 11, 0, 0}; // two rows of 6
            long[] maskValues = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
            NDArray ids = m.create(source, new Shape(2, 6));
            NDArray mask = m.create(maskValues, new Shape(2, 6));
            NDArray encoded = model.encode(ids, mask);
            long[] target = new long[2 * STEPS];
            for (int i = 0; i < target.length; i++) {
                target[i] = i % STEPS == 0 ? model.config().decoderStartTokenId() : 1 + (i * 37) % 800;
            }
            NDArray whole;
            try (DecoderState state = model.startDecoder(encoded, mask)) {
                whole = model.decode(state, m.create(target, new Shape(2, STEPS))); // [2, STEPS, d]
            }
            try (DecoderState state = model.startDecoder(encoded, mask)) {
                double worst = 0;
                for (int t = 0; t < STEPS; t++) {
                    try (NDScope scope = new NDScope()) {
                        NDArray step = m.create(new long[] {target[t], target[STEPS + t]}, new Shape(2, 1));
                        NDArray h = model.decode(state, step); // [2, 1, d]
                        NDArray expected = whole.get(new NDIndex(":, {}:{}", t, t + 1));
                        worst = Math.max(worst, h.sub(expected).abs().max().getFloat());
                    }
                }
                assertEquals(STEPS, state.length());
                assertTrue(worst < 1e-4, "incremental decoding differs by " + worst);
            }
        }
    }

    @Test
    void selectedRowsKeepTheirCachesAcrossGrowth() {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray ids = m.create(new long[] {5, 17, 42, 0, 8, 9, 10, 0}, new Shape(2, 4));
            NDArray mask = m.ones(new Shape(2, 4), DataType.INT64);
            NDArray encoded = model.encode(ids, mask);
            int half = DecoderState.GROWTH - 2;
            long[][] rows = new long[2][STEPS];
            for (int r = 0; r < 2; r++) {
                for (int t = 0; t < STEPS; t++) {
                    rows[r][t] = t == 0 ? model.config().decoderStartTokenId() : 3 + (t * (r + 5)) % 700;
                }
            }
            // reference: row 1 alone
            NDArray reference;
            try (DecoderState state = model.startDecoder(encoded.get("1:2"), mask.get("1:2"))) {
                reference = model.decode(state, m.create(rows[1], new Shape(1, STEPS)));
            }
            try (DecoderState state = model.startDecoder(encoded, mask)) {
                long[] first = new long[2 * half];
                for (int t = 0; t < half; t++) {
                    first[t] = rows[0][t];
                    first[half + t] = rows[1][t];
                }
                model.decode(state, m.create(first, new Shape(2, half)));
                state.selectRows(m.create(new long[] {1}), true); // keep row 1 only
                long[] rest = java.util.Arrays.copyOfRange(rows[1], half, STEPS);
                NDArray h = model.decode(state, m.create(rest, new Shape(1, rest.length)));
                float diff = h.sub(reference.get(new NDIndex(":, {}:", half))).abs().max().getFloat();
                assertTrue(diff < 1e-4, "decoding after row selection differs by " + diff);
            }
        }
    }
}
