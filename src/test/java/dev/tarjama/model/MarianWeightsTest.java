package dev.tarjama.model;

import static dev.tarjama.model.CheckpointFiles.FIXTURE;
import static dev.tarjama.model.CheckpointFiles.FIXTURE_SAFETENSORS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarianWeightsTest {
    private static final MarianConfig CFG = MarianConfig.load(FIXTURE);

    @Test
    void missingUnexpectedAndMisshapenKeysAreReportedTogether() {
        Map<String, RawTensor> t = fixture();
        t.remove(MarianWeights.decoderKey(1, "encoder_attn.k_proj.bias"));
        t.remove(MarianWeights.encoderKey(0, "fc2.weight"));
        t.put("model.encoder.layer_norm.weight", tensor("model.encoder.layer_norm.weight", 128));
        t.put(MarianWeights.encoderKey(1, "fc1.bias"), tensor("fc1.bias", 255));
        t.put("lm_head.weight", tensor("lm_head.weight", 862, 127));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> MarianWeights.validate(CFG, t, FIXTURE_SAFETENSORS));
        String msg = e.getMessage();
        assertTrue(msg.startsWith(FIXTURE_SAFETENSORS.toString()), msg);
        for (String s : new String[] {"missing (2)", "model.decoder.layers.1.encoder_attn.k_proj.bias",
                "model.encoder.layers.0.fc2.weight", "unexpected (1): model.encoder.layer_norm.weight",
                "shape mismatch (2)", "model.encoder.layers.1.fc1.bias expected [256] got [255]",
                "lm_head.weight expected [862, 128] got [862, 127]"}) {
            assertTrue(msg.contains(s), "expected \"" + s + "\" in: " + msg);
        }
        assertFalse(msg.contains("\n"));
    }

    @Test
    void missingFinalLogitsBiasBecomesZeros() {
        Map<String, RawTensor> t = fixture();
        t.remove(MarianWeights.FINAL_LOGITS_BIAS);
        MarianWeights w = MarianWeights.validate(CFG, t, FIXTURE_SAFETENSORS);
        assertArrayEquals(new long[] {1, 862}, w.finalLogitsBias().shape());
        assertArrayEquals(new float[862], w.finalLogitsBias().toFloatArray());
    }

    @Test
    void tiedAliasesAndStoredPositionTablesAreAcceptedButNotKept() {
        Map<String, RawTensor> t = fixture();
        t.put("model.decoder.embed_tokens.weight", t.get(MarianWeights.SHARED));
        t.put("model.encoder.embed_positions.weight", tensor("pos", 512, 128));
        MarianWeights w = MarianWeights.validate(CFG, t, FIXTURE_SAFETENSORS);
        assertFalse(w.keys().contains("model.encoder.embed_positions.weight"));
        assertThrows(IllegalArgumentException.class, () -> w.get("model.decoder.embed_tokens.weight"));

        t.put("model.encoder.embed_positions.weight", tensor("pos", 511, 128));
        String msg = assertThrows(ModelLoadException.class, () -> MarianWeights.validate(CFG, t, FIXTURE_SAFETENSORS))
                .getMessage();
        assertTrue(msg.contains("embed_positions.weight expected [512, 128] got [511, 128]"), msg);
    }

    @Test
    void keysFollowTheHuggingFaceLayout() {
        assertEquals("model.decoder.layers.0.encoder_attn.q_proj.weight",
                MarianWeights.decoderKey(0, "encoder_attn.q_proj.weight"));
        assertEquals("model.encoder.layers.1.self_attn_layer_norm.bias",
                MarianWeights.encoderKey(1, "self_attn_layer_norm.bias"));
        MarianWeights w = MarianWeights.validate(CFG, fixture(), FIXTURE_SAFETENSORS);
        assertArrayEquals(new long[] {256, 128}, w.get(MarianWeights.encoderKey(1, "fc1.weight")).shape());
        assertArrayEquals(new long[] {128, 128}, w.get(MarianWeights.decoderKey(1, "encoder_attn.out_proj.weight")).shape());
        assertEquals(86, MarianWeights.expectedShapes(CFG).size());
    }

    private static Map<String, RawTensor> fixture() {
        return new LinkedHashMap<>(SafetensorsReader.read(FIXTURE_SAFETENSORS));
    }

    private static RawTensor tensor(String name, long... shape) {
        int n = (int) RawTensor.numel(shape);
        return new RawTensor(name, shape, ByteBuffer.allocateDirect(n * 4).order(ByteOrder.LITTLE_ENDIAN));
    }
}
