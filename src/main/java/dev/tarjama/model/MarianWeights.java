package dev.tarjama.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checked weights of a Marian checkpoint under their Hugging Face key names; the only class that
 * spells those names. {@link #validate} accepts the tied aliases ({@code embed_tokens}, {@code lm_head})
 * and stored sinusoid tables without using them, since the forward pass takes both embeddings and the
 * LM head from {@code model.shared.weight} and computes positions with {@link Sinusoids}.
 */
public final class MarianWeights {
    /** The shared token embedding, also the LM head: [vocab, dModel]. */
    public static final String SHARED = "model.shared.weight";
    /** The logits bias: [1, vocab]; zeros when the checkpoint has none. */
    public static final String FINAL_LOGITS_BIAS = "final_logits_bias";

    private static final String[] ATTENTION = {"q_proj", "k_proj", "v_proj", "out_proj"};
    private static final List<String> TIED = List.of("model.encoder.embed_tokens.weight",
            "model.decoder.embed_tokens.weight", "lm_head.weight");
    private static final List<String> POSITIONS = List.of("model.encoder.embed_positions.weight",
            "model.decoder.embed_positions.weight");

    private final Map<String, RawTensor> tensors;

    private MarianWeights(Map<String, RawTensor> tensors) {
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /**
     * Checks that {@code tensors} holds exactly the weights {@code cfg} needs, with the right shapes.
     *
     * @param file the checkpoint, named in the error
     * @throws ModelLoadException listing every missing key, unexpected key and shape mismatch
     */
    public static MarianWeights validate(MarianConfig cfg, Map<String, RawTensor> tensors, Path file) {
        Map<String, long[]> expected = expectedShapes(cfg);
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        Map<String, RawTensor> kept = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            RawTensor t = tensors.get(e.getKey());
            if (t == null) {
                if (!e.getKey().equals(FINAL_LOGITS_BIAS)) {
                    missing.add(e.getKey());
                }
            } else if (checkShape(e.getKey(), e.getValue(), t, mismatched)) {
                kept.put(e.getKey(), t);
            }
        }
        long[] embedding = {cfg.vocabSize(), cfg.dModel()};
        long[] positions = {cfg.maxPositions(), cfg.dModel()};
        for (Map.Entry<String, RawTensor> e : tensors.entrySet()) {
            String key = e.getKey();
            if (TIED.contains(key)) {
                checkShape(key, embedding, e.getValue(), mismatched);
            } else if (POSITIONS.contains(key)) {
                checkShape(key, positions, e.getValue(), mismatched);
            } else if (!expected.containsKey(key)) {
                unexpected.add(key);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder msg = new StringBuilder("checkpoint does not match the config:");
            append(msg, "missing", missing);
            append(msg, "unexpected", unexpected);
            append(msg, "shape mismatch", mismatched);
            throw new ModelLoadException(file, msg.toString());
        }
        kept.computeIfAbsent(FINAL_LOGITS_BIAS, k -> zeros(k, cfg.vocabSize()));
        return new MarianWeights(kept);
    }

    /** A weight by canonical key (e.g. {@link #SHARED}, {@code encoderKey(0, "fc1.weight")}). */
    public RawTensor get(String key) {
        RawTensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException("no weight named \"" + key + "\"");
        }
        return t;
    }

    /** The shared embedding / LM head, [vocab, dModel]. */
    public RawTensor shared() {
        return get(SHARED);
    }

    /** The logits bias, [1, vocab] (zeros if the checkpoint had none). */
    public RawTensor finalLogitsBias() {
        return get(FINAL_LOGITS_BIAS);
    }

    /** All canonical keys held. */
    public Set<String> keys() {
        return tensors.keySet();
    }

    /** Key of a weight of encoder layer {@code layer}, e.g. {@code encoderKey(1, "fc2.bias")}. */
    public static String encoderKey(int layer, String suffix) {
        return "model.encoder.layers." + layer + "." + suffix;
    }

    /** Key of a weight of decoder layer {@code layer}, e.g. {@code decoderKey(0, "encoder_attn.q_proj.weight")}. */
    public static String decoderKey(int layer, String suffix) {
        return "model.decoder.layers." + layer + "." + suffix;
    }

    /** Every canonical key with its shape, in checkpoint order. */
    static Map<String, long[]> expectedShapes(MarianConfig cfg) {
        long d = cfg.dModel();
        Map<String, long[]> out = new LinkedHashMap<>();
        out.put(FINAL_LOGITS_BIAS, new long[] {1, cfg.vocabSize()});
        out.put(SHARED, new long[] {cfg.vocabSize(), d});
        for (int i = 0; i < cfg.encoderLayers(); i++) {
            String p = encoderKey(i, "");
            attention(out, p + "self_attn", d);
            block(out, p, d, cfg.encoderFfnDim());
        }
        for (int i = 0; i < cfg.decoderLayers(); i++) {
            String p = decoderKey(i, "");
            attention(out, p + "self_attn", d);
            attention(out, p + "encoder_attn", d);
            block(out, p, d, cfg.decoderFfnDim());
        }
        return out;
    }

    private static void attention(Map<String, long[]> out, String prefix, long d) {
        for (String proj : ATTENTION) {
            out.put(prefix + "." + proj + ".weight", new long[] {d, d});
            out.put(prefix + "." + proj + ".bias", new long[] {d});
        }
        out.put(prefix + "_layer_norm.weight", new long[] {d});
        out.put(prefix + "_layer_norm.bias", new long[] {d});
    }

    private static void block(Map<String, long[]> out, String prefix, long d, long ffn) {
        out.put(prefix + "fc1.weight", new long[] {ffn, d});
        out.put(prefix + "fc1.bias", new long[] {ffn});
        out.put(prefix + "fc2.weight", new long[] {d, ffn});
        out.put(prefix + "fc2.bias", new long[] {d});
        out.put(prefix + "final_layer_norm.weight", new long[] {d});
        out.put(prefix + "final_layer_norm.bias", new long[] {d});
    }

    private static boolean checkShape(String key, long[] want, RawTensor t, List<String> mismatched) {
        if (Arrays.equals(want, t.shape())) {
            return true;
        }
        mismatched.add(key + " expected " + Arrays.toString(want) + " got " + Arrays.toString(t.shape()));
        return false;
    }

    private static void append(StringBuilder msg, String label, List<String> items) {
        if (!items.isEmpty()) {
            msg.append(' ').append(label).append(" (").append(items.size()).append("): ")
                    .append(String.join(", ", items)).append(';');
        }
    }

    private static RawTensor zeros(String name, int vocab) {
        ByteBuffer data = ByteBuffer.allocateDirect(vocab * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        return new RawTensor(name, new long[] {1, vocab}, data);
    }
}
