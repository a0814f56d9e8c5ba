package dev.tarjama.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The arithmetic of the linear layers and the LM head. {@link #FP32} is the default and the only
 * precision exact to Hugging Face transformers; the reduced ones trade that for speed and memory,
 * with their agreement to fp32 measured by {@code bench --accuracy} (docs/performance.md).
 *
 * <ul>
 *   <li>{@code fp32}: float32 everywhere (the checkpoint's weights, memory-mapped).
 *   <li>{@code bf16}: weights stored as bfloat16; the products run in bfloat16 with float32
 *       accumulation (oneDNN, AVX-512 BF16 where the CPU has it) and are rounded to bfloat16 before
 *       the float32 bias is added. Attention, LayerNorm, softmax and the embeddings stay float32.
 *   <li>{@code int8}: weights quantized per output channel (symmetric, scale = max|w|/127) and
 *       packed for fbgemm; activations quantized per tensor on the fly (dynamic quantization), int32
 *       accumulation (VNNI where the CPU has it), float32 output. Attention, LayerNorm, softmax and
 *       the embeddings stay float32.
 * </ul>
 */
public enum Precision {
    FP32, BF16, INT8;

    /** The lower-case name used on the command line, in {@code TARJAMA_PRECISION} and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this precision gives the same results as transformers (only fp32). */
    public boolean exact() {
        return this == FP32;
    }

    /**
     * What a model revision carries so that results of different precisions never share a cache
     * entry: empty for fp32 (revisions stay as they were), {@code "+bf16"} or {@code "+int8"} otherwise.
     */
    public String revisionSuffix() {
        return this == FP32 ? "" : "+" + label();
    }

    /**
     * Parses {@code fp32}, {@code bf16} or {@code int8} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Precision parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Precision p : values()) {
            if (p.label().equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision must be one of "
                + Arrays.stream(values()).map(Precision::label).collect(Collectors.joining(", "))
                + ", got \"" + text + "\"");
    }
}
