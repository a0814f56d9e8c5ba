package dev.tarjama.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link MarianConfig} from {@code config.json} and {@code generation_config.json}. Decoding keys
 * are looked up in the generation config first; every error names the file the value came from.
 */
final class MarianConfigReader {
    static final String CONFIG = "config.json";
    static final String GENERATION_CONFIG = "generation_config.json";
    private static final long MAX_JSON_BYTES = 16L << 20;

    /** A JSON value and the file it came from; {@code element} is null when the key is absent. */
    private record Value(String key, JsonElement element, Path file) {
        boolean absent() {
            return element == null || element.isJsonNull();
        }

        ModelLoadException error(String problem) {
            return new ModelLoadException(file, "\"" + key + "\": " + element + " " + problem);
        }
    }

    private final Path configFile;
    private final JsonObject config;
    private final Path generationFile;
    private final JsonObject generation; // null when there is no generation_config.json
    private final List<String> missing = new ArrayList<>();

    private MarianConfigReader(Path dir) {
        configFile = dir.resolve(CONFIG);
        config = parse(configFile);
        generationFile = dir.resolve(GENERATION_CONFIG);
        generation = Files.exists(generationFile) ? parse(generationFile) : null;
    }

    static MarianConfig read(Path modelDir) {
        return new MarianConfigReader(modelDir).build();
    }

    private MarianConfig build() {
        Value modelType = model("model_type");
        if (!modelType.absent() && !"marian".equals(string(modelType))) {
            throw modelType.error("is not supported (only \"marian\")");
        }
        // Legacy BART keys that transformers' Marian ignores (it is always post-LN, with no embedding
        // or final LayerNorm and sinusoid positions); the converter never sets them otherwise, so a
        // config that does describes a network this code (and transformers) would run wrongly.
        refuseIf(model("normalize_before"), true, "pre-LN blocks are not implemented; Marian"
                + " conversions are post-LN and transformers ignores this key");
        refuseIf(model("normalize_embedding"), true, "a LayerNorm on the embeddings is not implemented;"
                + " transformers' Marian has none and ignores this key");
        refuseIf(model("add_final_layer_norm"), true, "a final encoder/decoder LayerNorm is not"
                + " implemented; transformers' Marian has none and ignores this key");
        refuseIf(model("static_position_embeddings"), false, "learned position embeddings are not"
                + " implemented; Marian uses sinusoids (transformers ignores this key)");
        refuseIf(model("share_encoder_decoder_embeddings"), false, "separate source and target embeddings"
                + " and vocabularies (opus-mt-tc \"sepvoc\" models, with target_vocab.json) are not implemented;"
                + " the joint-vocabulary opus-mt models, opus-mt-tc-big-ar-en included, share them");
        refuseIf(model("tie_word_embeddings"), false, "a separate lm_head.weight is not implemented; every"
                + " opus-mt checkpoint ties the LM head to model.shared.weight");
        refuseUnsupportedDecoding();

        int vocab = requiredInt(model("vocab_size"));
        Value decoderVocab = model("decoder_vocab_size");
        int dModel = requiredInt(model("d_model"));
        int encLayers = requiredInt(model("encoder_layers"));
        int decLayers = requiredInt(model("decoder_layers"));
        int encHeads = requiredInt(model("encoder_attention_heads"));
        int decHeads = requiredInt(model("decoder_attention_heads"));
        int encFfn = requiredInt(model("encoder_ffn_dim"));
        int decFfn = requiredInt(model("decoder_ffn_dim"));
        int maxPos = requiredInt(model("max_position_embeddings"));
        Value act = model("activation_function");
        Value scale = model("scale_embedding");
        int pad = requiredInt(either("pad_token_id"));
        int eos = eosId(either("eos_token_id"));
        int start = requiredInt(either("decoder_start_token_id"));
        require(modelType);
        require(act);
        require(scale);
        if (!missing.isEmpty()) {
            throw new ModelLoadException(configFile, "missing required keys: " + String.join(", ", missing));
        }
        if (!decoderVocab.absent() && intValue(decoderVocab) != vocab) {
            throw decoderVocab.error("differs from vocab_size " + vocab
                    + " (separate decoder vocabularies, as in opus-mt-tc \"sepvoc\" models, are not supported)");
        }
        Activation activation;
        try {
            activation = Activation.fromConfig(string(act));
        } catch (IllegalArgumentException e) {
            throw act.error("is not supported (swish, silu, gelu, relu)");
        }
        GenerationDefaults defaults;
        try {
            defaults = new GenerationDefaults(optInt(either("num_beams"), 1), optInt(either("max_length"), 20),
                    optInt(either("min_length"), 0), badWords(either("bad_words_ids")),
                    optInt(either("forced_eos_token_id"), -1), lengthPenalty(either("length_penalty")),
                    earlyStopping(either("early_stopping")));
            return new MarianConfig(vocab, dModel, encLayers, decLayers, encHeads, decHeads, encFfn, decFfn,
                    maxPos, activation, bool(scale), pad, eos, start, defaults);
        } catch (IllegalArgumentException e) {
            String where = generation == null ? configFile.toString() : configFile + " with " + generationFile;
            throw new ModelLoadException(where + ": " + e.getMessage());
        }
    }

    /** Decoding features that change the output and that this implementation does not have. */
    private void refuseUnsupportedDecoding() {
        refuseIf(either("do_sample"), true, "sampling is not implemented (translations are deterministic)");
        refuseIf(either("renormalize_logits"), true, "renormalized logits are not implemented");
        refuseUnless(either("no_repeat_ngram_size"), 0);
        refuseUnless(either("encoder_no_repeat_ngram_size"), 0);
        refuseUnless(either("repetition_penalty"), 1);
        refuseUnless(either("encoder_repetition_penalty"), 1);
        refuseUnless(either("num_beam_groups"), 1);
        refuseUnless(either("diversity_penalty"), 0);
        refuseUnless(either("penalty_alpha"), 0); // contrastive search
        refuseUnless(either("guidance_scale"), 1);
        for (String key : List.of("forced_bos_token_id", "max_new_tokens", "min_new_tokens",
                "exponential_decay_length_penalty", "force_words_ids", "sequence_bias", "constraints")) {
            Value v = either(key);
            if (!v.absent()) {
                throw v.error("is not supported");
            }
        }
        for (String key : List.of("suppress_tokens", "begin_suppress_tokens")) {
            Value v = either(key);
            if (!v.absent() && !(v.element().isJsonArray() && v.element().getAsJsonArray().isEmpty())) {
                throw v.error("is not supported");
            }
        }
    }

    private Value model(String key) {
        return new Value(key, config.get(key), configFile);
    }

    /** The generation config's value where it has the key, else config.json's. */
    private Value either(String key) {
        if (generation != null && generation.has(key)) {
            return new Value(key, generation.get(key), generationFile);
        }
        return model(key);
    }

    private void require(Value v) {
        if (v.absent()) {
            missing.add(v.key());
        }
    }

    private int requiredInt(Value v) {
        require(v);
        return v.absent() ? 0 : intValue(v);
    }

    private int optInt(Value v, int dflt) {
        return v.absent() ? dflt : intValue(v);
    }

    private int eosId(Value v) {
        if (!v.absent() && v.element().isJsonArray()) {
            JsonArray a = v.element().getAsJsonArray();
            if (a.size() != 1) {
                throw v.error("is not supported (exactly one eos token id is)");
            }
            return intValue(new Value(v.key(), a.get(0), v.file()));
        }
        return requiredInt(v);
    }

    private static int intValue(Value v) {
        JsonElement e = v.element();
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            try {
                return new BigDecimal(e.getAsString()).intValueExact();
            } catch (ArithmeticException | NumberFormatException ex) {
                // fall through
            }
        }
        throw v.error("is not an integer");
    }

    private static double number(Value v) {
        JsonElement e = v.element();
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsDouble();
        }
        throw v.error("is not a number");
    }

    private static boolean bool(Value v) {
        JsonElement e = v.element();
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        throw v.error("is not a boolean");
    }

    private static String string(Value v) {
        JsonElement e = v.element();
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return e.getAsString();
        }
        throw v.error("is not a string");
    }

    private static void refuseIf(Value v, boolean refused, String reason) {
        if (!v.absent() && bool(v) == refused) {
            throw v.error("is not supported: " + reason);
        }
    }

    private static void refuseUnless(Value v, double allowed) {
        if (!v.absent() && number(v) != allowed) {
            throw v.error("is not supported (only " + (allowed == (long) allowed ? Long.toString((long) allowed)
                    : Double.toString(allowed)) + ")");
        }
    }

    private static int[] badWords(Value v) {
        if (v.absent()) {
            return new int[0];
        }
        if (!v.element().isJsonArray()) {
            throw v.error("is not a list of token id lists");
        }
        JsonArray outer = v.element().getAsJsonArray();
        int[] ids = new int[outer.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonElement entry = outer.get(i);
            if (!entry.isJsonArray() || entry.getAsJsonArray().size() != 1) {
                throw v.error("is not supported: entry " + entry
                        + " is not a single token (only single-token bad words are)");
            }
            ids[i] = intValue(new Value(v.key(), entry.getAsJsonArray().get(0), v.file()));
        }
        return ids;
    }

    private static double lengthPenalty(Value v) {
        return v.absent() ? 1.0 : number(v);
    }

    private static EarlyStopping earlyStopping(Value v) {
        if (v.absent()) {
            return EarlyStopping.HEURISTIC;
        }
        JsonElement e = v.element();
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return p.getAsBoolean() ? EarlyStopping.EARLY : EarlyStopping.HEURISTIC;
            }
            if (p.isString() && p.getAsString().equals("never")) {
                return EarlyStopping.NEVER;
            }
        }
        throw v.error("is not supported (true, false or \"never\")");
    }

    private static JsonObject parse(Path file) {
        try {
            if (Files.size(file) > MAX_JSON_BYTES) {
                throw new ModelLoadException(file, "larger than " + MAX_JSON_BYTES + " bytes");
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                JsonElement root = JsonParser.parseReader(r);
                if (!root.isJsonObject()) {
                    throw new ModelLoadException(file, "is not a JSON object");
                }
                return root.getAsJsonObject();
            }
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e, e);
        } catch (RuntimeException e) {
            if (e instanceof ModelLoadException m) {
                throw m;
            }
            throw new ModelLoadException(file, "is not valid JSON: " + e.getMessage(), e);
        }
    }
}
