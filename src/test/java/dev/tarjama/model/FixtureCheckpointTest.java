package dev.tarjama.model;

import static dev.tarjama.model.CheckpointFiles.FIXTURE;
import static dev.tarjama.model.CheckpointFiles.FIXTURE_BIN;
import static dev.tarjama.model.CheckpointFiles.FIXTURE_SAFETENSORS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixture's two weight files against each other, the config and the forward golden. */
class FixtureCheckpointTest {
    @Test
    void safetensorsAndTorchBinLoadToBitIdenticalTensors() {
        Map<String, RawTensor> st = SafetensorsReader.read(FIXTURE_SAFETENSORS);
        Map<String, RawTensor> bin = TorchCheckpointReader.read(FIXTURE_BIN);
        assertEquals(86, st.size());
        for (Map.Entry<String, RawTensor> e : st.entrySet()) {
            RawTensor other = bin.get(e.getKey());
            assertTrue(other != null, "missing in .bin: " + e.getKey());
            assertArrayEquals(e.getValue().shape(), other.shape(), e.getKey());
            assertArrayEquals(CheckpointFiles.bytes(e.getValue()), CheckpointFiles.bytes(other), e.getKey());
        }
        assertTrue(bin.keySet().containsAll(st.keySet()));
        assertEquals(Map.of(), withoutKeys(bin, st),
                "the .bin adds only the three tied aliases");
    }

    @Test
    void bothFilesValidateAgainstTheConfig() {
        MarianConfig cfg = MarianConfig.load(FIXTURE);
        for (Path file : new Path[] {FIXTURE_SAFETENSORS, FIXTURE_BIN}) {
            Map<String, RawTensor> raw = file == FIXTURE_BIN ? TorchCheckpointReader.read(file) : SafetensorsReader.read(file);
            MarianWeights w = MarianWeights.validate(cfg, raw, file);
            assertArrayEquals(new long[] {862, 128}, w.shared().shape());
            assertArrayEquals(new long[] {1, 862}, w.finalLogitsBias().shape());
            assertEquals(86, w.keys().size(), file.toString());
        }
    }

    @Test
    void finalLogitsBiasAndPadRowMatchTheForwardGolden() throws IOException {
        JsonObject golden = JsonParser.parseString(Files.readString(Path.of("src/test/resources/golden/forward.json")))
                .getAsJsonObject();
        MarianWeights w = MarianWeights.validate(MarianConfig.load(FIXTURE), SafetensorsReader.read(FIXTURE_SAFETENSORS),
                FIXTURE_SAFETENSORS);
        JsonArray bias = golden.getAsJsonArray("final_logits_bias");
        float[] got = w.finalLogitsBias().toFloatArray();
        assertEquals(bias.size(), got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(bias.get(i).getAsFloat(), got[i], 0f, "final_logits_bias[" + i + "]");
        }
        float[] shared = w.shared().toFloatArray();
        boolean padZero = true;
        for (int j = 0; j < 128; j++) {
            padZero &= shared[861 * 128 + j] == 0f;
        }
        assertEquals(golden.get("pad_embedding_row_is_zero").getAsBoolean(), padZero);
    }

    @Test
    void mappedAndConvertedTensorsReachPyTorchWithTheirOwnBytes() {
        DjlRuntime.startEngine();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            for (Path file : new Path[] {FIXTURE_SAFETENSORS, FIXTURE_BIN}) {
                Map<String, RawTensor> raw = file == FIXTURE_BIN ? TorchCheckpointReader.read(file)
                        : SafetensorsReader.read(file);
                for (RawTensor t : raw.values()) {
                    NDArray a = m.create(t.data(), new Shape(t.shape()), DataType.FLOAT32);
                    assertArrayEquals(t.toFloatArray(), a.toFloatArray(), file.getFileName() + " " + t.name());
                    a.close();
                }
            }
        }
    }

    private static Map<String, RawTensor> withoutKeys(Map<String, RawTensor> bin, Map<String, RawTensor> st) {
        Map<String, RawTensor> extra = new java.util.TreeMap<>(bin);
        extra.keySet().removeAll(st.keySet());
        extra.keySet().removeAll(java.util.List.of("model.encoder.embed_tokens.weight",
                "model.decoder.embed_tokens.weight", "lm_head.weight"));
        return extra;
    }
}
