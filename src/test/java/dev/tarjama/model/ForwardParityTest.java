package dev.tarjama.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tarjama.testutil.Golden;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Encoder states, decoder states and logits against transformers 4.43.4 (golden/forward.json),
 * layer by layer where the golden has them; tolerance 1e-4 max abs difference.
 */
class ForwardParityTest {
    private static final double TOLERANCE = 1e-4;
    private static MarianModel model;
    private static JsonObject golden;

    @BeforeAll
    static void load() {
        DjlRuntime.configure(1);
        model = MarianModel.load(ModelDirectory.open(dev.tarjama.testutil.Golden.TINY_MODEL));
        golden = Golden.load("forward.json");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void singleSentencesMatchTransformersLayerByLayer() {
        double worst = 0;
        for (JsonElement c : golden.getAsJsonArray("cases")) {
            JsonObject cs = c.getAsJsonObject();
            long[] ids = Golden.longs(cs.get("input_ids"));
            long[] dec = Golden.longs(cs.get("decoder_input_ids"));
            try (NDManager m = model.manager().newSubManager()) {
                NDArray idArr = m.create(ids, new Shape(1, ids.length));
                NDArray mask = m.ones(new Shape(1, ids.length), ai.djl.ndarray.types.DataType.INT64);
                List<NDArray> enc = model.encoderHiddenStates(idArr, mask);
                String name = "train[" + cs.get("train_index").getAsInt() + "]";
                worst = Math.max(worst, check(name + " encoder_last_hidden_state",
                        cs.get("encoder_last_hidden_state"), enc.get(enc.size() - 1)));
                if (cs.has("encoder_hidden_states_all")) {
                    var all = cs.getAsJsonArray("encoder_hidden_states_all");
                    for (int layer = 0; layer < all.size(); layer++) {
                        worst = Math.max(worst, check(name + " encoder_hidden_states[" + layer + "]",
                                all.get(layer), enc.get(layer)));
                    }
                }
                try (DecoderState state = model.startDecoder(enc.get(enc.size() - 1), mask)) {
                    List<NDArray> decStates = model.decoderHiddenStates(state, m.create(dec, new Shape(1, dec.length)));
                    NDArray last = decStates.get(decStates.size() - 1);
                    worst = Math.max(worst, check(name + " decoder_last_hidden_state",
                            cs.get("decoder_last_hidden_state"), last));
                    if (cs.has("decoder_hidden_states_all")) {
                        var all = cs.getAsJsonArray("decoder_hidden_states_all");
                        for (int layer = 0; layer < all.size(); layer++) {
                            worst = Math.max(worst, check(name + " decoder_hidden_states[" + layer + "]",
                                    all.get(layer), decStates.get(layer)));
                        }
                    }
                    NDArray logits = model.logits(last.get(new NDIndex("0, 0:3"))); // [3, V]
                    worst = Math.max(worst, check(name + " logits_first3", cs.get("logits_first3"), logits));
                }
            }
        }
        System.out.printf("forward parity, single sentences: max abs diff %.3e%n", worst);
    }

    @Test
    void rightPaddedBatchMatchesTransformersAtValidPositions() {
        JsonObject cs = golden.getAsJsonObject("padded_batch_case");
        long[] ids = Golden.longs(cs.get("input_ids"));
        long[] maskValues = Golden.longs(cs.get("attention_mask"));
        long[] dec = Golden.longs(cs.get("decoder_input_ids"));
        int batch = cs.getAsJsonArray("input_ids").size();
        int width = ids.length / batch;
        float[] expectedEnc = Golden.floats(cs.get("encoder_last_hidden_state"));
        float[] expectedLogits = Golden.floats(cs.get("logits_first3"));
        double worst = 0;
        try (NDManager m = model.manager().newSubManager()) {
            NDArray mask = m.create(maskValues, new Shape(batch, width));
            NDArray enc = model.encode(m.create(ids, new Shape(batch, width)), mask);
            float[] actualEnc = enc.toFloatArray();
            int d = model.config().dModel();
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < width; t++) {
                    if (maskValues[b * width + t] == 0) {
                        continue; // padded positions are implementation-defined
                    }
                    for (int i = 0; i < d; i++) {
                        int at = (b * width + t) * d + i;
                        worst = Math.max(worst, Math.abs(expectedEnc[at] - actualEnc[at]));
                    }
                }
            }
            try (DecoderState state = model.startDecoder(enc, mask)) {
                NDArray last = model.decode(state, m.create(dec, new Shape(batch, dec.length / batch)));
                NDArray logits = model.logits(last.get(new NDIndex(":, 0:3"))); // [B, 3, V]
                worst = Math.max(worst, Golden.maxAbsDiff(expectedLogits, logits.toFloatArray()));
            }
        }
        System.out.printf("forward parity, padded batch: max abs diff %.3e%n", worst);
        assertTrue(worst <= TOLERANCE, "padded batch differs by " + worst);
    }

    private static double check(String what, JsonElement expected, NDArray actual) {
        double diff = Golden.maxAbsDiff(Golden.floats(expected), actual.toFloatArray());
        assertTrue(diff <= TOLERANCE, what + " differs by " + diff);
        return diff;
    }
}
