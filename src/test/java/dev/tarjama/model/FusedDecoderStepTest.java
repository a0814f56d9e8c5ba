package dev.tarjama.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tarjama.generation.GenerationOptions;
import dev.tarjama.generation.Generator;
import dev.tarjama.generation.Hypothesis;
import dev.tarjama.generation.SearchStrategy;
import dev.tarjama.testutil.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused single-token decoder step (one kernels call per layer) against the operation-by-
 * operation step: bit-identical in fp32, so exactness to transformers is untouched; the same
 * translations in the reduced precisions.
 */
class FusedDecoderStepTest {
    @Test
    void inFp32TheFusedStepIsBitIdenticalToTheStepByStepLayers() {
        DjlRuntime.configure(1);
        ModelDirectory dir = ModelDirectory.open(Golden.TINY_MODEL);
        try (MarianModel fused = MarianModel.load(dir, Precision.FP32, true);
                MarianModel plain = MarianModel.load(dir, Precision.FP32, false)) {
            List<float[]> a = steps(fused);
            List<float[]> b = steps(plain);
            assertEquals(b.size(), a.size());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(b.get(i), a.get(i), 0f, "step " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void greedyAndBeamSearchGiveTheSameHypothesesWithOrWithoutTheFusedStep(Precision precision) {
        DjlRuntime.configure(1);
        ModelDirectory dir = ModelDirectory.open(Golden.TINY_MODEL);
        try (MarianModel fused = MarianModel.load(dir, precision, true);
                MarianModel plain = MarianModel.load(dir, precision, false);
                Generator withFused = new Generator(fused);
                Generator without = new Generator(plain)) {
            List<int[]> sources = sources(fused.config(), 6);
            for (int beams : new int[] {1, 4}) {
                GenerationOptions options = GenerationOptions.defaults(fused.config().generation())
                        .withStrategy(SearchStrategy.of(beams, EarlyStopping.HEURISTIC)).withMaxLength(24);
                List<List<Hypothesis>> x = withFused.generate(sources, options);
                List<List<Hypothesis>> y = without.generate(sources, options);
                for (int s = 0; s < sources.size(); s++) {
                    assertArrayEquals(y.get(s).get(0).ids(), x.get(s).get(0).ids(), precision + " beams " + beams);
                    double tolerance = precision == Precision.FP32 ? 0 : 1e-3;
                    assertTrue(Math.abs(y.get(s).get(0).score() - x.get(s).get(0).score()) <= tolerance,
                            precision + " beams " + beams + ": " + y.get(s).get(0).score() + " vs " + x.get(s).get(0).score());
                }
            }
        }
    }

    /** Six decoder steps of two sentences (one padded) through {@code model}: each step's last hidden state. */
    private static List<float[]> steps(MarianModel model) {
        List<float[]> out = new ArrayList<>();
        try (NDManager m = model.manager().newSubManager()) {
            long[] ids = {5, 17, 42, 99, 7, 0, 12, 300, 0, model.config().padTokenId()};
            long[] mask = {1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
            NDArray idArray = m.create(ids, new Shape(2, 5));
            NDArray maskArray = m.create(mask, new Shape(2, 5));
            try (DecoderState state = model.startDecoder(model.encode(idArray, maskArray), maskArray)) {
                long[] tokens = {model.config().decoderStartTokenId(), model.config().decoderStartTokenId()};
                for (int step = 0; step < 6; step++) {
                    NDArray hidden = model.decode(state, m.create(tokens, new Shape(2, 1)));
                    out.add(hidden.toFloatArray());
                    tokens = new long[] {10 + step, 20 + step};
                }
            }
        }
        return out;
    }

    private static List<int[]> sources(MarianConfig config, int count) {
        SplittableRandom random = new SplittableRandom(7);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] ids = new int[4 + random.nextInt(10)];
            for (int t = 0; t < ids.length - 1; t++) {
                int id;
                do {
                    id = 2 + random.nextInt(config.vocabSize() - 2);
                } while (id == config.padTokenId() || id == config.eosTokenId());
                ids[t] = id;
            }
            ids[ids.length - 1] = config.eosTokenId();
            out.add(ids);
        }
        return out;
    }
}
