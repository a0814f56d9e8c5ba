package dev.tarjama.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MarianConfigTest {
    private static final Path FIXTURE = CheckpointFiles.FIXTURE;

    @TempDir
    Path tmp;

    @Test
    void loadsTheFixtureConfigWithItsGenerationDefaults() {
        MarianConfig c = MarianConfig.load(FIXTURE);
        assertEquals(862, c.vocabSize());
        assertEquals(128, c.dModel());
        assertEquals(2, c.encoderLayers());
        assertEquals(2, c.decoderLayers());
        assertEquals(4, c.encoderHeads());
        assertEquals(4, c.decoderHeads());
        assertEquals(32, c.encoderHeadDim());
        assertEquals(256, c.encoderFfnDim());
        assertEquals(256, c.decoderFfnDim());
        assertEquals(512, c.maxPositions());
        assertEquals(Activation.SILU, c.activation());
        assertTrue(c.scaleEmbedding());
        assertEquals(Math.sqrt(128), c.embedScale());
        assertEquals(861, c.padTokenId());
        assertEquals(0, c.eosTokenId());
        assertEquals(861, c.decoderStartTokenId());
        GenerationDefaults g = c.generation();
        assertEquals(4, g.numBeams());
        assertEquals(512, g.maxLength());
        assertEquals(0, g.minLength());
        assertArrayEquals(new int[] {861}, g.badTokenIds());
        assertEquals(0, g.forcedEosTokenId());
        assertEquals(1.0, g.lengthPenalty());
        assertEquals(EarlyStopping.HEURISTIC, g.earlyStopping());
    }

    @Test
    void generationConfigTakesPrecedenceOverConfigJson() throws IOException {
        Path dir = copy(cfg -> {}, gen -> {
            gen.addProperty("num_beams", 6);
            gen.addProperty("max_length", 100);
            gen.addProperty("min_length", 3);
            gen.add("bad_words_ids", JsonParser.parseString("[[5],[7]]"));
            gen.add("forced_eos_token_id", JsonParser.parseString("null"));
            gen.addProperty("decoder_start_token_id", 3);
            gen.add("eos_token_id", JsonParser.parseString("[2]"));
            gen.addProperty("pad_token_id", 4);
            gen.addProperty("length_penalty", 0.8);
            gen.addProperty("early_stopping", "never");
        });
        MarianConfig c = MarianConfig.load(dir);
        GenerationDefaults g = c.generation();
        assertEquals(6, g.numBeams());
        assertEquals(100, g.maxLength());
        assertEquals(3, g.minLength());
        assertArrayEquals(new int[] {5, 7}, g.badTokenIds());
        assertEquals(-1, g.forcedEosTokenId());
        assertEquals(3, c.decoderStartTokenId());
        assertEquals(2, c.eosTokenId());
        assertEquals(4, c.padTokenId());
        assertEquals(0.8, g.lengthPenalty());
        assertEquals(EarlyStopping.NEVER, g.earlyStopping());
    }

    @Test
    void configJsonAloneSuppliesDecodingKeysAndTransformersDefaultsFillTheRest() throws IOException {
        Path dir = copy(cfg -> {
            cfg.addProperty("num_beams", 2);
            cfg.remove("max_length");
            cfg.addProperty("early_stopping", true);
        }, null);
        GenerationDefaults g = MarianConfig.load(dir).generation();
        assertEquals(2, g.numBeams());
        assertEquals(20, g.maxLength(), "transformers' default max_length");
        assertEquals(EarlyStopping.EARLY, g.earlyStopping());
        assertEquals(1.0, g.lengthPenalty());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("config.json", "model_type", "\"bart\""),
                Arguments.of("config.json", "normalize_before", "true"),
                Arguments.of("config.json", "normalize_embedding", "true"),
                Arguments.of("config.json", "add_final_layer_norm", "true"),
                Arguments.of("config.json", "share_encoder_decoder_embeddings", "false"),
                Arguments.of("config.json", "tie_word_embeddings", "false"),
                Arguments.of("config.json", "static_position_embeddings", "false"),
                Arguments.of("config.json", "decoder_vocab_size", "900"),
                Arguments.of("config.json", "activation_function", "\"gelu_new\""),
                Arguments.of("generation_config.json", "bad_words_ids", "[[861],[5,6]]"),
                Arguments.of("generation_config.json", "do_sample", "true"),
                Arguments.of("generation_config.json", "no_repeat_ngram_size", "3"),
                Arguments.of("generation_config.json", "repetition_penalty", "1.2"),
                Arguments.of("generation_config.json", "num_beam_groups", "2"),
                Arguments.of("generation_config.json", "diversity_penalty", "0.5"),
                Arguments.of("generation_config.json", "encoder_no_repeat_ngram_size", "2"),
                Arguments.of("config.json", "do_sample", "true"),
                Arguments.of("generation_config.json", "forced_bos_token_id", "5"),
                Arguments.of("generation_config.json", "early_stopping", "\"sometimes\""),
                Arguments.of("generation_config.json", "num_beams", "2.5"),
                Arguments.of("generation_config.json", "eos_token_id", "[0,1]"));
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource("refusals")
    void refusesUnsupportedValuesNamingFileKeyAndValue(String file, String key, String value) throws IOException {
        JsonElement v = JsonParser.parseString(value);
        Path dir = file.equals("config.json") ? copy(cfg -> cfg.add(key, v), null) : copy(cfg -> {}, gen -> gen.add(key, v));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> MarianConfig.load(dir));
        String msg = e.getMessage();
        assertTrue(msg.contains(dir.resolve(file).toString()), msg);
        assertTrue(msg.contains(key), msg);
        assertTrue(msg.contains(v.toString()), msg);
    }

    @Test
    void generationKeysAtTheirNeutralValuesAreAccepted() throws IOException {
        Path dir = copy(cfg -> {}, gen -> {
            gen.addProperty("do_sample", false);
            gen.addProperty("no_repeat_ngram_size", 0);
            gen.addProperty("repetition_penalty", 1.0);
            gen.addProperty("num_beam_groups", 1);
            gen.addProperty("diversity_penalty", 0.0);
            gen.add("forced_bos_token_id", JsonParser.parseString("null"));
            gen.add("suppress_tokens", JsonParser.parseString("[]"));
        });
        assertEquals(4, MarianConfig.load(dir).generation().numBeams());
    }

    @Test
    void missingRequiredKeysAreAllNamed() throws IOException {
        Path dir = copy(cfg -> {
            cfg.remove("d_model");
            cfg.remove("vocab_size");
            cfg.remove("activation_function");
        }, null);
        String msg = assertThrows(ModelLoadException.class, () -> MarianConfig.load(dir)).getMessage();
        assertTrue(msg.contains("config.json") && msg.contains("d_model") && msg.contains("vocab_size")
                && msg.contains("activation_function"), msg);
    }

    @Test
    void inconsistentDimensionsAndIdsAreRefused() throws IOException {
        Path heads = copy(cfg -> cfg.addProperty("encoder_attention_heads", 3), null);
        String msg = assertThrows(ModelLoadException.class, () -> MarianConfig.load(heads)).getMessage();
        assertTrue(msg.contains("config.json") && msg.contains("encoder_attention_heads 3"), msg);

        Path pad = copy(cfg -> {}, gen -> gen.addProperty("pad_token_id", 862));
        msg = assertThrows(ModelLoadException.class, () -> MarianConfig.load(pad)).getMessage();
        assertTrue(msg.contains("generation_config.json") && msg.contains("pad_token_id 862"), msg);
    }

    @Test
    void invalidJsonNamesTheFile() throws IOException {
        Path dir = copy(cfg -> {}, null);
        Files.writeString(dir.resolve("config.json"), "{\"d_model\": 12");
        String msg = assertThrows(ModelLoadException.class, () -> MarianConfig.load(dir)).getMessage();
        assertTrue(msg.contains(dir.resolve("config.json").toString()), msg);
    }

    @Test
    void activationNamesMapToActivations() {
        assertEquals(Activation.SILU, Activation.fromConfig("swish"));
        assertEquals(Activation.SILU, Activation.fromConfig("silu"));
        assertEquals(Activation.GELU, Activation.fromConfig("gelu"));
        assertEquals(Activation.RELU, Activation.fromConfig("relu"));
        String msg = assertThrows(IllegalArgumentException.class, () -> Activation.fromConfig("tanh")).getMessage();
        assertTrue(msg.contains("activation_function") && msg.contains("tanh"), msg);
    }

    @Test
    void generationDefaultsRejectInvalidValues() {
        assertThrows(IllegalArgumentException.class,
                () -> new GenerationDefaults(0, 10, 0, new int[0], -1, 1.0, EarlyStopping.HEURISTIC));
        assertThrows(IllegalArgumentException.class,
                () -> new GenerationDefaults(1, 0, 0, new int[0], -1, 1.0, EarlyStopping.HEURISTIC));
        assertThrows(IllegalArgumentException.class,
                () -> new GenerationDefaults(1, 10, 11, new int[0], -1, 1.0, EarlyStopping.HEURISTIC));
        assertThrows(IllegalArgumentException.class,
                () -> new GenerationDefaults(1, 10, 0, new int[0], -1, Double.NaN, EarlyStopping.HEURISTIC));
        int[] bad = {5};
        GenerationDefaults g = new GenerationDefaults(1, 10, 0, bad, -1, 1.0, EarlyStopping.HEURISTIC);
        bad[0] = 6;
        assertArrayEquals(new int[] {5}, g.badTokenIds(), "defensive copy");
    }

    @Test
    void aTransformerBigStyleConfigIsReadAsIs() throws IOException {
        // the key set of opus-mt-tc-big conversions: ReLU, 16 heads, 1024 positions, eos away from 0,
        // a float16 torch_dtype, no legacy BART keys, generation_config.json with _from_model_config
        Path dir = copy(cfg -> {
            for (String legacy : new String[] {"normalize_before", "add_final_layer_norm", "_num_labels", "id2label", "label2id"}) {
                cfg.remove(legacy);
            }
            cfg.addProperty("activation_function", "relu");
            cfg.addProperty("d_model", 1024);
            cfg.addProperty("encoder_attention_heads", 16);
            cfg.addProperty("decoder_attention_heads", 16);
            cfg.addProperty("encoder_ffn_dim", 4096);
            cfg.addProperty("decoder_ffn_dim", 4096);
            cfg.addProperty("max_position_embeddings", 1024);
            cfg.addProperty("eos_token_id", 500);
            cfg.addProperty("forced_eos_token_id", 500);
            cfg.addProperty("torch_dtype", "float16");
            cfg.addProperty("transformers_version", "4.22.0.dev0");
        }, gen -> {
            gen.addProperty("_from_model_config", true);
            gen.addProperty("eos_token_id", 500);
            gen.addProperty("forced_eos_token_id", 500);
        });
        MarianConfig c = MarianConfig.load(dir);
        assertEquals(Activation.RELU, c.activation());
        assertEquals(64, c.decoderHeadDim());
        assertEquals(1024, c.maxPositions());
        assertEquals(500, c.eosTokenId());
        assertEquals(500, c.generation().forcedEosTokenId());
        assertEquals(861, c.decoderStartTokenId());
    }

    @Test
    void refusalsSayWhy() throws IOException {
        Path dir = copy(cfg -> cfg.addProperty("share_encoder_decoder_embeddings", false), null);
        String msg = assertThrows(ModelLoadException.class, () -> MarianConfig.load(dir)).getMessage();
        assertTrue(msg.contains("sepvoc") && msg.contains("target_vocab.json"), msg);
        Path pre = copy(cfg -> cfg.addProperty("normalize_before", true), null);
        msg = assertThrows(ModelLoadException.class, () -> MarianConfig.load(pre)).getMessage();
        assertTrue(msg.contains("pre-LN") && msg.contains("transformers ignores this key"), msg);
    }

    interface Edit {
        void apply(JsonObject o);
    }

    /** Copies the fixture's config files into a fresh directory, editing them; null generation edit = no file. */
    private Path copy(Edit config, Edit generation) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "cfg");
        JsonObject cfg = read(FIXTURE.resolve("config.json"));
        config.apply(cfg);
        Files.writeString(dir.resolve("config.json"), cfg.toString());
        if (generation != null) {
            JsonObject gen = read(FIXTURE.resolve("generation_config.json"));
            generation.apply(gen);
            Files.writeString(dir.resolve("generation_config.json"), gen.toString());
        }
        return dir;
    }

    private static JsonObject read(Path p) throws IOException {
        return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    }
}
