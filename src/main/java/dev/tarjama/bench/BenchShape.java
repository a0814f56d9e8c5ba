package dev.tarjama.bench;

import java.util.Locale;

/**
 * The dimensions of a random-weight benchmark checkpoint.
 *
 * <p>{@link #BASE} is Helsinki-NLP/opus-mt-ar-en (transformer-base: d_model 512, 8 heads, FFN 2048,
 * swish, vocab 62,834, eos 0). {@link #BIG} is Helsinki-NLP/opus-mt-tc-big-ar-en (transformer-big:
 * d_model 1024, 16 heads, FFN 4096, ReLU, 1,024 positions, a joint vocabulary of 61,109 with
 * {@code </s>} at 25,894 and {@code <pad>} last, as in published fine-tunes of that model).
 *
 * @param name      "base", "big", or a test's own name; part of the cached directory's name
 * @param vocab     rows of the shared embedding; {@code <pad>} is the last id
 * @param eos       the id of {@code </s>}
 */
public record BenchShape(String name, int vocab, int dModel, int layers, int heads, int ffn, String activation,
        int maxPositions, int eos) {
    public static final BenchShape BASE = new BenchShape("base", 62_834, 512, 6, 8, 2048, "swish", 512, 0);
    public static final BenchShape BIG = new BenchShape("big", 61_109, 1024, 6, 16, 4096, "relu", 1024, 25_894);

    public BenchShape {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("shape name must be lower-case letters, digits and '-': " + name);
        }
        if (vocab < 2 || dModel < 1 || layers < 1 || heads < 1 || ffn < 1 || maxPositions < 2 || dModel % heads != 0) {
            throw new IllegalArgumentException("inconsistent benchmark shape " + this);
        }
        if (eos < 0 || eos >= vocab - 1) {
            throw new IllegalArgumentException("eos " + eos + " must be below the pad id " + (vocab - 1));
        }
    }

    /** {@code base} or {@code big}. */
    public static BenchShape named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "base" -> BASE;
            case "big" -> BIG;
            default -> throw new IllegalArgumentException("unknown shape '" + name + "' (base, big)");
        };
    }

    /** The same dimensions with another vocabulary size and eos id (tests: a big shape with a small vocabulary). */
    public BenchShape withVocab(String newName, int newVocab, int newEos) {
        return new BenchShape(newName, newVocab, dModel, layers, heads, ffn, activation, maxPositions, newEos);
    }

    /** The {@code <pad>} id, which is also the decoder start: the last id. */
    public int pad() {
        return vocab - 1;
    }

    /** Learned parameters plus {@code final_logits_bias} (what the safetensors file holds). */
    public long parameters() {
        long d = dModel;
        long attention = 4 * (d * d + d) + 2 * d;
        long ffnBlock = ffn * d + ffn + d * ffn + d + 2 * d;
        return (long) vocab * d + vocab + layers * (attention + ffnBlock) + layers * (2 * attention + ffnBlock);
    }
}
