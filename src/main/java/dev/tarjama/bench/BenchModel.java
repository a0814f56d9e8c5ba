package dev.tarjama.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tarjama.model.MarianWeights;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A seeded random-weight MarianMT checkpoint with the dimensions of Helsinki-NLP/opus-mt-ar-en
 * (d_model 512, 6+6 layers, 8 heads, FFN 2048, vocab 62,834, pad 62,833 = decoder start, eos 0,
 * swish, {@code final_logits_bias}), written as a Hugging Face model directory: config.json,
 * generation_config.json, model.safetensors (float32, tied tensors left out as save_pretrained
 * does), plus a tokenizer made from a small model directory's SentencePiece files and a vocab.json
 * padded to 62,834 entries (its pieces first, filler pieces after, {@code <pad>} last).
 *
 * <p>Weights are N(0, 0.02) for linear and embedding matrices (the {@code <pad>} row zero), zero
 * biases and {@code final_logits_bias}, LayerNorm weight 1 and bias 0, as transformers initializes
 * Marian. The directory is cached: it is written once to a temporary sibling, renamed, and reused
 * while its {@code bench-model.json} stamp matches.
 */
public final class BenchModel {
    public static final int VOCAB = 62_834;
    public static final int D_MODEL = 512;
    public static final int LAYERS = 6;
    public static final int HEADS = 8;
    public static final int FFN = 2048;
    public static final int PAD = VOCAB - 1;
    public static final int EOS = 0;
    public static final float STD = 0.02f;
    private static final String STAMP = "bench-model.json";
    private static final int FORMAT = 1;

    private BenchModel() {}

    /**
     * Returns {@code cacheRoot/opus-mt-ar-en-random-s<seed>}, writing it first unless a complete
     * copy is there.
     *
     * @param tokenizerSource a Marian model directory whose source.spm, target.spm, vocab.json and
     *     tokenizer_config.json provide the tokenizer (e.g. models/tiny-ar-en)
     */
    public static Path ensure(Path cacheRoot, Path tokenizerSource, long seed) {
        Path dir = cacheRoot.resolve("opus-mt-ar-en-random-s" + seed);
        String stamp = stamp(seed);
        try {
            if (Files.isRegularFile(dir.resolve(STAMP))
                    && Files.readString(dir.resolve(STAMP), StandardCharsets.UTF_8).equals(stamp)) {
                return dir;
            }
            Files.createDirectories(cacheRoot);
            Path tmp = Files.createTempDirectory(cacheRoot, "writing-");
            write(tmp, tokenizerSource, seed);
            Files.writeString(tmp.resolve(STAMP), stamp, StandardCharsets.UTF_8);
            deleteTree(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark model under " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    private static String stamp(long seed) {
        return "{\"format\":" + FORMAT + ",\"seed\":" + seed + ",\"vocab\":" + VOCAB + ",\"d_model\":" + D_MODEL + "}\n";
    }

    private static void write(Path dir, Path tokenizerSource, long seed) throws IOException {
        for (String f : List.of("source.spm", "target.spm", "tokenizer_config.json")) {
            Path from = tokenizerSource.resolve(f);
            if (!Files.isRegularFile(from)) {
                throw new IOException("tokenizer source " + tokenizerSource + " has no " + f);
            }
            Files.copy(from, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("vocab.json"), vocabJson(tokenizerSource.resolve("vocab.json")));
        Files.writeString(dir.resolve("config.json"), json(config()));
        Files.writeString(dir.resolve("generation_config.json"), json(generationConfig()));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors(seed));
    }

    /** The small vocabulary's pieces keep their ids; filler pieces up to VOCAB − 1; {@code <pad>} last. */
    static String vocabJson(Path smallVocab) throws IOException {
        JsonObject small;
        try (Reader r = Files.newBufferedReader(smallVocab, StandardCharsets.UTF_8)) {
            small = com.google.gson.JsonParser.parseReader(r).getAsJsonObject();
        }
        String[] pieces = new String[VOCAB];
        for (Map.Entry<String, com.google.gson.JsonElement> e : small.entrySet()) {
            if (e.getKey().equals("<pad>")) {
                continue;
            }
            int id = e.getValue().getAsInt();
            if (id >= PAD) {
                throw new IOException(smallVocab + " is too large for the benchmark vocabulary");
            }
            pieces[id] = e.getKey();
        }
        JsonObject out = new JsonObject();
        for (int id = 0; id < PAD; id++) {
            out.addProperty(pieces[id] != null ? pieces[id] : String.format("▁bench%05d", id), id);
        }
        out.addProperty("<pad>", PAD);
        return out.toString();
    }

    private static JsonObject config() {
        JsonObject c = new JsonObject();
        c.addProperty("activation_function", "swish");
        JsonArray arch = new JsonArray();
        arch.add("MarianMTModel");
        c.add("architectures", arch);
        c.add("bad_words_ids", badWords());
        c.addProperty("bos_token_id", EOS);
        c.addProperty("d_model", D_MODEL);
        c.addProperty("decoder_attention_heads", HEADS);
        c.addProperty("decoder_ffn_dim", FFN);
        c.addProperty("decoder_layers", LAYERS);
        c.addProperty("decoder_start_token_id", PAD);
        c.addProperty("decoder_vocab_size", VOCAB);
        c.addProperty("encoder_attention_heads", HEADS);
        c.addProperty("encoder_ffn_dim", FFN);
        c.addProperty("encoder_layers", LAYERS);
        c.addProperty("eos_token_id", EOS);
        c.addProperty("forced_eos_token_id", EOS);
        c.addProperty("init_std", STD);
        c.addProperty("is_encoder_decoder", true);
        c.addProperty("max_length", 512);
        c.addProperty("max_position_embeddings", 512);
        c.addProperty("model_type", "marian");
        c.addProperty("num_beams", 4);
        c.addProperty("num_hidden_layers", LAYERS);
        c.addProperty("pad_token_id", PAD);
        c.addProperty("scale_embedding", true);
        c.addProperty("share_encoder_decoder_embeddings", true);
        c.addProperty("static_position_embeddings", true);
        c.addProperty("torch_dtype", "float32");
        c.addProperty("use_cache", true);
        c.addProperty("vocab_size", VOCAB);
        return c;
    }

    private static JsonObject generationConfig() {
        JsonObject g = new JsonObject();
        g.add("bad_words_ids", badWords());
        g.addProperty("bos_token_id", EOS);
        g.addProperty("decoder_start_token_id", PAD);
        g.addProperty("eos_token_id", EOS);
        g.addProperty("forced_eos_token_id", EOS);
        g.addProperty("max_length", 512);
        g.addProperty("num_beams", 4);
        g.addProperty("pad_token_id", PAD);
        return g;
    }

    private static JsonArray badWords() {
        JsonArray inner = new JsonArray();
        inner.add(PAD);
        JsonArray outer = new JsonArray();
        outer.add(inner);
        return outer;
    }

    private static String json(JsonObject o) {
        return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
    }

    /** Every stored tensor in save_pretrained's set (no tied aliases, no sinusoid tables). */
    static List<SafetensorsWriter.Tensor> tensors(long seed) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(MarianWeights.FINAL_LOGITS_BIAS, new long[] {1, VOCAB});
        shapes.put(MarianWeights.SHARED, new long[] {VOCAB, D_MODEL});
        for (int i = 0; i < LAYERS; i++) {
            layer(shapes, MarianWeights.encoderKey(i, ""), false);
        }
        for (int i = 0; i < LAYERS; i++) {
            layer(shapes, MarianWeights.decoderKey(i, ""), true);
        }
        List<SafetensorsWriter.Tensor> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            out.add(new SafetensorsWriter.Tensor(e.getKey(), e.getValue(), filler(e.getKey(), seed)));
        }
        return out;
    }

    private static void layer(Map<String, long[]> shapes, String prefix, boolean decoder) {
        List<String> blocks = decoder ? List.of("self_attn", "encoder_attn") : List.of("self_attn");
        for (String block : blocks) {
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                shapes.put(prefix + block + "." + proj + ".weight", new long[] {D_MODEL, D_MODEL});
                shapes.put(prefix + block + "." + proj + ".bias", new long[] {D_MODEL});
            }
            shapes.put(prefix + block + "_layer_norm.weight", new long[] {D_MODEL});
            shapes.put(prefix + block + "_layer_norm.bias", new long[] {D_MODEL});
        }
        shapes.put(prefix + "fc1.weight", new long[] {FFN, D_MODEL});
        shapes.put(prefix + "fc1.bias", new long[] {FFN});
        shapes.put(prefix + "fc2.weight", new long[] {D_MODEL, FFN});
        shapes.put(prefix + "fc2.bias", new long[] {D_MODEL});
        shapes.put(prefix + "final_layer_norm.weight", new long[] {D_MODEL});
        shapes.put(prefix + "final_layer_norm.bias", new long[] {D_MODEL});
    }

    /** Chunks are requested in order, so one generator per tensor gives a reproducible stream. */
    private static SafetensorsWriter.Filler filler(String name, long seed) {
        if (name.endsWith("layer_norm.weight")) {
            return (start, out) -> java.util.Arrays.fill(out, 1f);
        }
        if (name.endsWith(".bias") || name.equals(MarianWeights.FINAL_LOGITS_BIAS)) {
            return (start, out) -> java.util.Arrays.fill(out, 0f);
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
        boolean shared = name.equals(MarianWeights.SHARED);
        long padFrom = (long) PAD * D_MODEL;
        return (start, out) -> {
            for (int i = 0; i < out.length; i++) {
                long at = start + i;
                out[i] = shared && at >= padFrom ? 0f : (float) (random.nextGaussian() * STD);
            }
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
