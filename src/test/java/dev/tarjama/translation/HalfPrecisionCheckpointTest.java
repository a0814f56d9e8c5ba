package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tarjama.generation.GenerationOptions;
import dev.tarjama.generation.SearchStrategy;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.model.RawTensor;
import dev.tarjama.testutil.Golden;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * opus-mt-tc-big-ar-en's weights on the hub are float16, with an extra stored copy of the LM head and
 * of the sinusoid tables. The demo model saved that way (float16 safetensors, {@code lm_head.weight}
 * and {@code embed_positions} included) loads and translates like its float32 original.
 */
class HalfPrecisionCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aFloat16CheckpointWithStoredTiedCopiesTranslatesLikeTheFloat32One() throws IOException {
        DjlRuntime.configure(1);
        for (String f : List.of("config.json", "generation_config.json", "source.spm", "target.spm", "vocab.json",
                "tokenizer_config.json")) {
            Files.copy(Golden.TINY_MODEL.resolve(f), dir.resolve(f));
        }
        Map<String, RawTensor> weights = new LinkedHashMap<>(ModelDirectory.open(Golden.TINY_MODEL).readWeights());
        RawTensor shared = weights.get("model.shared.weight");
        weights.put("lm_head.weight", new RawTensor("lm_head.weight", shared.shape(), shared.data()));
        for (String side : List.of("encoder", "decoder")) {
            String name = "model." + side + ".embed_positions.weight";
            weights.put(name, new RawTensor(name, new long[] {512, 128},
                    ByteBuffer.allocateDirect(512 * 128 * 4).order(ByteOrder.LITTLE_ENDIAN)));
        }
        writeHalf(dir.resolve("model.safetensors"), weights);

        List<String> sentences = Golden.lines("parallel/train.ar").subList(0, 40);
        GenerationOptions greedy;
        List<String> reference;
        try (MarianTranslator full = MarianTranslator.load(ModelDirectory.open(Golden.TINY_MODEL))) {
            greedy = full.defaultOptions().withStrategy(new SearchStrategy.Greedy());
            reference = full.translate(sentences, greedy).stream().map(r -> r.best().text()).toList();
        }
        int same = 0;
        try (MarianTranslator half = MarianTranslator.load(ModelDirectory.open(dir))) {
            List<MarianTranslator.Result> results = half.translate(sentences, greedy);
            for (int i = 0; i < sentences.size(); i++) {
                same += results.get(i).best().text().equals(reference.get(i)) ? 1 : 0;
            }
        }
        assertTrue(same >= 36, "float16 weights changed " + (sentences.size() - same) + " of 40 greedy translations");
    }

    /** A safetensors file of float16 tensors (round to nearest even). */
    static void writeHalf(Path file, Map<String, RawTensor> tensors) throws IOException {
        JsonObject header = new JsonObject();
        long offset = 0;
        for (RawTensor t : tensors.values()) {
            JsonObject e = new JsonObject();
            e.addProperty("dtype", "F16");
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            e.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += RawTensor.numel(t.shape()) * 2;
            offsets.add(offset);
            e.add("data_offsets", offsets);
            header.add(t.name(), e);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json);
        for (RawTensor t : tensors.values()) {
            for (float f : t.toFloatArray()) {
                out.putShort(toHalf(f));
            }
        }
        Files.write(file, out.array());
    }

    static short toHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = bits & 0x7fffff;
        if (exp >= 31) {
            return (short) (sign | 0x7c00);
        }
        if (exp <= 0) {
            if (exp < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - exp;
            int half = mant >> shift;
            int rem = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (exp << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }
}
