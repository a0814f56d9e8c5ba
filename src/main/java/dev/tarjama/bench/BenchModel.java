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
 * A seeded random-weight MarianMT checkpoint of a {@link BenchShape}: by default the dimensions of
 * Helsinki-NLP/opus-mt-ar-en (d_model 512, 6+6 layers, 8 heads, FFN 2048, vocab 62,834, pad 62,833 =
 * decoder start, eos 0, swish, {@code final_logits_bias}); {@link BenchShape#BIG} is transformer-big
 * (opus-mt-tc-big-ar-en). It is written as a Hugging Face model directory: config.json,
 * generation_config.json, model.safetensors (float32, tied tensors left out as save_pretrained
 * does), plus a tokenizer made from a small model directory's SentencePiece files and a vocab.json
 * padded to the shape's vocabulary (its pieces first, filler pieces after, {@code </s>} moved to the
 * shape's eos id, {@code <pad>} last).
 *
 * <p>Weights are N(0, 0.02) for linear and embedding matrices (the {@code <pad>} row zero), zero
 * biases and {@code final_logits_bias}, LayerNorm weight 1 and bias 0, as transformers initializes
 * Marian. The directory is cached: it is written once to a temporary sibling, renamed, and reused
 * while its {@code bench-model.json} stamp matches.
 */
public final class BenchModel {
    /** The base shape's vocabulary and pad id. */
    public static final int VOCAB = BenchShape.BASE.vocab();
    public static final int PAD = BenchShape.BASE.pad();
    public static final float STD = 0.02f;
    private static final String STAMP = "bench-model.json";
    private static final int FORMAT = 2;

    private BenchModel() {}

    /**
     * Returns {@code cacheRoot/opus-mt-ar-en-random-s<seed>}, writing it first unless a complete
     * copy is there.
     *
     * @param tokenizerSource a Marian model directory whose source.spm, target.spm, vocab.json and
     *     tokenizer_config.json provide the tokenizer (e.g. models/tiny-ar-en)
     */
    public static Path ensure(Path cacheRoot, Path tokenizerSource, long seed) {
        return ensure(cacheRoot, tokenizerSource, seed, BenchShape.BASE);
    }

    /**
     * As {@link #ensure(Path, Path, long)} for any shape: {@code opus-mt-ar-en-random-s<seed>} for
     * {@link BenchShape#BASE}, {@code opus-mt-ar-en-<shape>-random-s<seed>} otherwise.
     */
    public static Path ensure(Path cacheRoot, Path tokenizerSource, long seed, BenchShape shape) {
        String name = shape.equals(BenchShape.BASE) ? "opus-mt-ar-en-random-s" + seed
                : "opus-mt-ar-en-" + shape.name() + "-random-s" + seed;
        Path dir = cacheRoot.resolve(name);
        String stamp = stamp(seed, shape);
        try {
            if (Files.isRegularFile(dir.resolve(STAMP))
                    && Files.readString(dir.resolve(STAMP), StandardCharsets.UTF_8).equals(stamp)) {
                return dir;
            }
            Files.createDirectories(cacheRoot);
            Path tmp = Files.createTempDirectory(cacheRoot, "writing-");
            write(tmp, tokenizerSource, seed, shape);
            Files.writeString(tmp.resolve(STAMP), stamp, StandardCharsets.UTF_8);
            deleteTree(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark model under " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    private static String stamp(long seed, BenchShape shape) {
        return "{\"format\":" + FORMAT + ",\"seed\":" + seed + ",\"shape\":\"" + shape + "\"}\n";
    }

    private static void write(Path dir, Path tokenizerSource, long seed, BenchShape shape) throws IOException {
        for (String f : List.of("source.spm", "target.spm", "tokenizer_config.json")) {
            Path from = tokenizerSource.resolve(f);
            if (!Files.isRegularFile(from)) {
                throw new IOException("tokenizer source " + tokenizerSource + " has no " + f);
            }
            Files.copy(from, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("vocab.json"), vocabJson(tokenizerSource.resolve("vocab.json"), shape));
        Files.writeString(dir.resolve("config.json"), json(config(shape)));
        Files.writeString(dir.resolve("generation_config.json"), json(generationConfig(shape)));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors(seed, shape));
    }

    static String vocabJson(Path smallVocab) throws IOException {
        return vocabJson(smallVocab, BenchShape.BASE);
    }

    /**
     * The small vocabulary's pieces keep their ids, except that {@code </s>} (id 0 there) trades places
     * with the piece at the shape's eos id; filler pieces up to vocab − 1; {@code <pad>} last.
     */
    static String vocabJson(Path smallVocab, BenchShape shape) throws IOException {
        int vocabSize = shape.vocab();
        int pad = shape.pad();
        JsonObject small;
        try (Reader r = Files.newBufferedReader(smallVocab, StandardCharsets.UTF_8)) {
            small = com.google.gson.JsonParser.parseReader(r).getAsJsonObject();
        }
        String[] pieces = new String[vocabSize];
        for (Map.Entry<String, com.google.gson.JsonElement> e : small.entrySet()) {
            if (e.getKey().equals("<pad>")) {
                continue;
            }
            int id = e.getValue().getAsInt();
            if (id >= pad) {
                throw new IOException(smallVocab + " is too large for the benchmark vocabulary");
            }
            pieces[id] = e.getKey();
        }
        for (int id = 0; id < pad; id++) {
            pieces[id] = pieces[id] != null ? pieces[id] : String.format("▁bench%05d", id);
        }
        if (!"</s>".equals(pieces[0])) {
            throw new IOException(smallVocab + " does not have </s> at id 0");
        }
        pieces[0] = pieces[shape.eos()];
        pieces[shape.eos()] = "</s>";
        JsonObject out = new JsonObject();
        for (int id = 0; id < pad; id++) {
            out.addProperty(pieces[id], id);
        }
        out.addProperty("<pad>", pad);
        return out.toString();
    }

    private static JsonObject config(BenchShape shape) {
        int pad = shape.pad();
        JsonObject c = new JsonObject();
        c.addProperty("activation_function", shape.activation());
        JsonArray arch = new JsonArray();
        arch.add("MarianMTModel");
        c.add("architectures", arch);
        c.add("bad_words_ids", badWords(pad));
        c.addProperty("bos_token_id", 0);
        c.addProperty("d_model", shape.dModel());
        c.addProperty("decoder_attention_heads", shape.heads());
        c.addProperty("decoder_ffn_dim", shape.ffn());
        c.addProperty("decoder_layers", shape.layers());
        c.addProperty("decoder_start_token_id", pad);
        c.addProperty("decoder_vocab_size", shape.vocab());
        c.addProperty("encoder_attention_heads", shape.heads());
        c.addProperty("encoder_ffn_dim", shape.ffn());
        c.addProperty("encoder_layers", shape.layers());
        c.addProperty("eos_token_id", shape.eos());
        c.addProperty("forced_eos_token_id", shape.eos());
        c.addProperty("init_std", STD);
        c.addProperty("is_encoder_decoder", true);
        c.addProperty("max_length", 512);
        c.addProperty("max_position_embeddings", shape.maxPositions());
        c.addProperty("model_type", "marian");
        c.addProperty("num_beams", 4);
        c.addProperty("num_hidden_layers", shape.layers());
        c.addProperty("pad_token_id", pad);
        c.addProperty("scale_embedding", true);
        c.addProperty("share_encoder_decoder_embeddings", true);
        c.addProperty("static_position_embeddings", true);
        c.addProperty("torch_dtype", "float32");
        c.addProperty("use_cache", true);
        c.addProperty("vocab_size", shape.vocab());
        return c;
    }

    private static JsonObject generationConfig(BenchShape shape) {
        int pad = shape.pad();
        JsonObject g = new JsonObject();
        g.add("bad_words_ids", badWords(pad));
        g.addProperty("bos_token_id", 0);
        g.addProperty("decoder_start_token_id", pad);
        g.addProperty("eos_token_id", shape.eos());
        g.addProperty("forced_eos_token_id", shape.eos());
        g.addProperty("max_length", 512);
        g.addProperty("num_beams", 4);
        g.addProperty("pad_token_id", pad);
        return g;
    }

    private static JsonArray badWords(int pad) {
        JsonArray inner = new JsonArray();
        inner.add(pad);
        JsonArray outer = new JsonArray();
        outer.add(inner);
        return outer;
    }

    private static String json(JsonObject o) {
        return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
    }

    /** Every stored tensor in save_pretrained's set (no tied aliases, no sinusoid tables). */
    static List<SafetensorsWriter.Tensor> tensors(long seed, BenchShape shape) {
        int d = shape.dModel();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(MarianWeights.FINAL_LOGITS_BIAS, new long[] {1, shape.vocab()});
        shapes.put(MarianWeights.SHARED, new long[] {shape.vocab(), d});
        for (int i = 0; i < shape.layers(); i++) {
            layer(shapes, MarianWeights.encoderKey(i, ""), false, d, shape.ffn());
        }
        for (int i = 0; i < shape.layers(); i++) {
            layer(shapes, MarianWeights.decoderKey(i, ""), true, d, shape.ffn());
        }
        List<SafetensorsWriter.Tensor> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            out.add(new SafetensorsWriter.Tensor(e.getKey(), e.getValue(), filler(e.getKey(), seed, shape)));
        }
        return out;
    }

    private static void layer(Map<String, long[]> shapes, String prefix, boolean decoder, long dModel, long ffn) {
        List<String> blocks = decoder ? List.of("self_attn", "encoder_attn") : List.of("self_attn");
        for (String block : blocks) {
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                shapes.put(prefix + block + "." + proj + ".weight", new long[] {dModel, dModel});
                shapes.put(prefix + block + "." + proj + ".bias", new long[] {dModel});
            }
            shapes.put(prefix + block + "_layer_norm.weight", new long[] {dModel});
            shapes.put(prefix + block + "_layer_norm.bias", new long[] {dModel});
        }
        shapes.put(prefix + "fc1.weight", new long[] {ffn, dModel});
        shapes.put(prefix + "fc1.bias", new long[] {ffn});
        shapes.put(prefix + "fc2.weight", new long[] {dModel, ffn});
        shapes.put(prefix + "fc2.bias", new long[] {dModel});
        shapes.put(prefix + "final_layer_norm.weight", new long[] {dModel});
        shapes.put(prefix + "final_layer_norm.bias", new long[] {dModel});
    }

    /** Chunks are requested in order, so one generator per tensor gives a reproducible stream. */
    private static SafetensorsWriter.Filler filler(String name, long seed, BenchShape shape) {
        if (name.endsWith("layer_norm.weight")) {
            return (start, out) -> java.util.Arrays.fill(out, 1f);
        }
        if (name.endsWith(".bias") || name.equals(MarianWeights.FINAL_LOGITS_BIAS)) {
            return (start, out) -> java.util.Arrays.fill(out, 0f);
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
        boolean shared = name.equals(MarianWeights.SHARED);
        long padFrom = (long) shape.pad() * shape.dModel();
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
