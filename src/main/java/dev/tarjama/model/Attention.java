package dev.tarjama.model;

import ai.djl.ndarray.NDArray;

/**
 * Multi-head attention projections of one Marian attention block ({@code self_attn} or
 * {@code encoder_attn}). The query is scaled by {@code head_dim^-0.5} before {@code q·kᵀ}, as in
 * transformers. There is no fused attention op in DJL, so it is composed from matMul and softmax.
 */
record Attention(Linear q, Linear k, Linear v, Linear out, int heads) {

    /** {@code x [B, T, d]} → scaled queries {@code [B, H, T, hd]}. */
    NDArray queries(NDArray x) {
        long headDim = x.getShape().get(2) / heads;
        return splitHeads(q.apply(x).muli((float) Math.pow(headDim, -0.5)));
    }

    /** {@code x [B, S, d]} → keys {@code [B, H, S, hd]}. */
    NDArray keys(NDArray x) {
        return splitHeads(k.apply(x));
    }

    /** {@code x [B, S, d]} → values {@code [B, H, S, hd]}. */
    NDArray values(NDArray x) {
        return splitHeads(v.apply(x));
    }

    /**
     * Cross-attention keys, transposed and contiguous, {@code x [B, S, d]} → {@code [B, H, hd, S]}:
     * computed once per source batch, they then enter every step's {@code q·kᵀ} without the copy
     * that matMul makes of a transposed head-split view.
     */
    NDArray keysTransposedContiguous(NDArray x) {
        return contiguous(keys(x).transpose(0, 1, 3, 2));
    }

    /** Cross-attention values, contiguous, {@code [B, H, S, hd]} (same reason). */
    NDArray valuesContiguous(NDArray x) {
        return contiguous(values(x));
    }

    /**
     * softmax(q·kᵀ + mask)·v, heads merged and projected.
     *
     * @param q scaled queries {@code [B, H, T, hd]}
     * @param k keys {@code [B, H, S, hd]}
     * @param v values {@code [B, H, S, hd]}
     * @param mask additive mask broadcastable to {@code [B, H, T, S]} (0 or a large negative), or null
     * @return {@code [B, T, d]}
     */
    NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask) {
        return attendTransposed(q, k.transpose(0, 1, 3, 2), v, mask);
    }

    /** As {@link #attend} with the keys already transposed: {@code kT [B, H, hd, S]}. */
    NDArray attendTransposed(NDArray q, NDArray kT, NDArray v, NDArray mask) {
        NDArray scores = q.matMul(kT); // [B, H, T, S]
        if (mask != null) {
            scores = scores.addi(mask);
        }
        NDArray context = scores.softmax(-1).matMul(v); // [B, H, T, hd]
        return out.apply(mergeHeads(context));
    }

    /**
     * The attention probabilities alone, softmax(q·kᵀ + mask), for inspection (word alignment); the
     * decoding path never calls this.
     *
     * @param q scaled queries {@code [B, H, T, hd]}
     * @param kT keys transposed {@code [B, H, hd, S]}
     * @return {@code [B, H, T, S]}
     */
    NDArray probabilities(NDArray q, NDArray kT, NDArray mask) {
        NDArray scores = q.matMul(kT); // [B, H, T, S]
        if (mask != null) {
            scores = scores.addi(mask);
        }
        return scores.softmax(-1);
    }

    /** A contiguous copy of a permuted view (flattening cannot be a view of it, so it copies). */
    private static NDArray contiguous(NDArray x) {
        return x.reshape(-1).reshape(x.getShape());
    }

    /** {@code [B, T, d]} → {@code [B, H, T, hd]}. */
    private NDArray splitHeads(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        return x.reshape(b, t, heads, -1).transpose(0, 2, 1, 3);
    }

    /** {@code [B, H, T, hd]} → {@code [B, T, d]}. */
    private static NDArray mergeHeads(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(2);
        return x.transpose(0, 2, 1, 3).reshape(b, t, -1);
    }
}
