package dev.tarjama.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.tarjama.generation.GenerationOptions;
import dev.tarjama.generation.SearchStrategy;
import dev.tarjama.model.Activation;
import dev.tarjama.model.DecoderState;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.EarlyStopping;
import dev.tarjama.model.MarianConfig;
import dev.tarjama.model.MarianModel;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.testutil.Golden;
import dev.tarjama.translation.MarianTranslator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader, the forward pass and generation at transformer-big shape (opus-mt-tc-big-ar-en: d_model
 * 1024, 16 heads, FFN 4096, 6+6 layers, ReLU, 1,024 positions), with a 1,000-piece vocabulary so that
 * the random-weight checkpoint stays at about 700 MB, and {@code </s>} at 500 rather than 0 as in
 * tc-big vocabularies.
 */
class TransformerBigShapeTest {
    static final BenchShape SHAPE = BenchShape.BIG.withVocab("big-v1000", 1000, 500);

    @TempDir
    static Path cache;
    static Path dir;
    static MarianTranslator translator;

    @BeforeAll
    static void write() {
        DjlRuntime.configure(1);
        dir = BenchModel.ensure(cache, Golden.TINY_MODEL, 3, SHAPE);
        translator = MarianTranslator.load(ModelDirectory.open(dir));
    }

    @AfterAll
    static void close() {
        if (translator != null) {
            translator.close();
        }
    }

    @Test
    void configAtBigShapeIsReadAsTransformerBig() {
        MarianConfig c = ModelDirectory.open(dir).config();
        assertEquals(1024, c.dModel());
        assertEquals(16, c.encoderHeads());
        assertEquals(16, c.decoderHeads());
        assertEquals(64, c.decoderHeadDim());
        assertEquals(4096, c.encoderFfnDim());
        assertEquals(6, c.encoderLayers());
        assertEquals(6, c.decoderLayers());
        assertEquals(Activation.RELU, c.activation());
        assertEquals(1024, c.maxPositions());
        assertEquals(500, c.eosTokenId());
        assertEquals(999, c.padTokenId());
        assertEquals(999, c.decoderStartTokenId());
        assertEquals(SHAPE.parameters(), (ModelDirectory.open(dir).weightsFile().toFile().length() - 8) / 4,
                20_000, "the safetensors file holds the shape's parameters as float32 (plus a JSON header under 80 KB)");
    }

    @Test
    void forwardPassHasBigShapesAndStepwiseDecodingMatchesTheWholeSequence() {
        try (MarianModel model = MarianModel.load(ModelDirectory.open(dir));
                NDManager m = model.manager().newSubManager()) {
            NDArray ids = m.create(new long[] {5, 17, 42, 99, 500, 7, 11, 500, 999, 999}, new Shape(2, 5));
            NDArray mask = m.create(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, new Shape(2, 5));
            NDArray encoded = model.encode(ids, mask); // [2, 5, 1024]
            assertEquals(new Shape(2, 5, 1024), encoded.getShape());
            assertFalse(encoded.isNaN().any().getBoolean() || encoded.isInfinite().any().getBoolean());
            long[] target = {999, 5, 8, 13, 21, 999, 34, 55, 89, 144};
            NDArray whole;
            try (DecoderState state = model.startDecoder(encoded, mask)) {
                whole = model.decode(state, m.create(target, new Shape(2, 5))); // [2, 5, 1024]
            }
            NDArray logits = model.logits(whole.get(new NDIndex(":, -1, :"))); // [2, V]
            assertEquals(new Shape(2, 1000), logits.getShape());
            assertFalse(logits.isNaN().any().getBoolean());
            try (DecoderState state = model.startDecoder(encoded, mask)) {
                double worst = 0;
                for (int t = 0; t < 5; t++) {
                    try (NDScope scope = new NDScope()) {
                        NDArray h = model.decode(state, m.create(new long[] {target[t], target[5 + t]}, new Shape(2, 1)));
                        worst = Math.max(worst, h.sub(whole.get(new NDIndex(":, {}:{}", t, t + 1))).abs().max().getFloat());
                    }
                }
                assertTrue(worst < 1e-3, "step-by-step decoding differs from the whole sequence by " + worst);
            }
        }
    }

    @Test
    void greedyAndBeamGenerationAtBigShapeEndWithItsEosAndDoNotDependOnTheBatch() {
        List<String> sentences = List.of("وقال الوزير إن الاتفاق سيوقع غدا.", "موسكو");
        for (SearchStrategy strategy : List.of(new SearchStrategy.Greedy(),
                new SearchStrategy.Beam(2, 1, EarlyStopping.HEURISTIC))) {
            GenerationOptions options = new GenerationOptions(strategy, 8, 0, 1.0);
            List<MarianTranslator.Result> batch = translator.translate(sentences, options);
            for (int i = 0; i < sentences.size(); i++) {
                int[] ids = batch.get(i).best().ids();
                assertEquals(999, ids[0], "starts with the decoder start token");
                assertTrue(ids.length <= 8, "respects max_length: " + ids.length);
                assertEquals(500, ids[ids.length - 1], "ends with the model's </s> (forced at max_length)");
                for (int k = 1; k < ids.length; k++) {
                    assertTrue(ids[k] != 999, "never generates <pad> (bad_words_ids)");
                }
                int[] alone = translator.translate(List.of(sentences.get(i)), options).get(0).best().ids();
                assertArrayEquals(alone, ids, "sentence " + i + " decodes the same alone and in a batch");
            }
        }
    }

    @Test
    void aTokenizerWhoseEosDiffersFromTheConfigsIsRefusedByName(@TempDir Path copy) throws Exception {
        for (String f : List.of("config.json", "generation_config.json", "source.spm", "target.spm",
                "vocab.json", "tokenizer_config.json", "model.safetensors")) {
            java.nio.file.Files.copy(Golden.TINY_MODEL.resolve(f), copy.resolve(f));
        }
        for (String f : List.of("config.json", "generation_config.json")) {
            Path p = copy.resolve(f);
            String json = java.nio.file.Files.readString(p).replaceAll("\"(forced_)?eos_token_id\": 0", "\"$1eos_token_id\": 5");
            java.nio.file.Files.writeString(p, json);
        }
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> MarianTranslator.load(ModelDirectory.open(copy)).close());
        assertTrue(e.getMessage().contains("</s> at 0 but eos_token_id is 5"), e.getMessage());
    }

    @Test
    void bigShapeCountsTransformerBigParameters() {
        // 61,109 x 1,024 embedding + 6 encoder layers of 12.6 M + 6 decoder layers of 16.8 M
        assertEquals(238_994_101L, BenchShape.BIG.parameters());
        assertEquals(BenchShape.BIG, BenchShape.named("big"));
    }
}
