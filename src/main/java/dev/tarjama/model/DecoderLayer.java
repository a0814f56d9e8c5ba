package dev.tarjama.model;

import ai.djl.ndarray.NDArray;

/**
 * One post-LN decoder layer: masked self-attention over the cached past plus the new tokens,
 * cross-attention over the encoder output (K/V computed once per source batch), then the FFN.
 */
record DecoderLayer(
        Attention selfAttn, LayerNorm selfAttnNorm, Attention crossAttn, LayerNorm crossAttnNorm,
        FeedForward ffn, LayerNorm finalNorm) {

    /**
     * @param x new decoder hidden states {@code [B, T, d]}
     * @param state the per-layer caches; this layer's self-attention cache grows by T
     * @param layer this layer's index in {@code state}
     * @param causalMask additive mask {@code [1, 1, T, past + T]}, or null when T == 1
     * @return {@code [B, T, d]}
     */
    NDArray forward(NDArray x, DecoderState state, int layer, NDArray causalMask) {
        NDArray keys = state.appendSelf(layer, selfAttn.keys(x), selfAttn.values(x));
        NDArray values = state.selfValues(layer);
        x = selfAttnNorm.apply(x.add(selfAttn.attend(selfAttn.queries(x), keys, values, causalMask)));
        NDArray cross = crossAttention(x, state, layer);
        x = crossAttnNorm.apply(x.add(cross));
        return finalNorm.apply(x.add(ffn.apply(x)));
    }

    /**
     * The cross-attention probabilities of this layer for {@code x}, averaged over the heads (for word
     * alignment; not used when decoding). Runs the self-attention block as {@link #forward} does
     * (extending the state's cache), then stops after the cross-attention's softmax. One decoder row
     * per sentence (no beams).
     *
     * @return {@code [B, T, S]}
     */
    NDArray crossAttentionWeights(NDArray x, DecoderState state, int layer, NDArray causalMask) {
        if (state.beams() != 1) {
            throw new IllegalStateException("cross-attention weights are read without beams");
        }
        NDArray keys = state.appendSelf(layer, selfAttn.keys(x), selfAttn.values(x));
        NDArray values = state.selfValues(layer);
        x = selfAttnNorm.apply(x.add(selfAttn.attend(selfAttn.queries(x), keys, values, causalMask)));
        NDArray q = crossAttn.queries(x); // [B, H, T, hd]
        return crossAttn.probabilities(q, state.crossKeys(layer), state.sourceMask()).mean(new int[] {1}); // [B, T, S]
    }

    /**
     * Cross-attention of {@code x [R, T, d]} over the encoder output. With beams, the K/V are held
     * once per sentence (keys {@code [n, H, hd, S]}, values {@code [n, H, S, hd]}; R = n·K rows,
     * T = 1), and a sentence's K beams attend as K query positions of that sentence: the same
     * per-row arithmetic without copying the K/V for every beam.
     */
    private NDArray crossAttention(NDArray x, DecoderState state, int layer) {
        NDArray q = crossAttn.queries(x); // [R, H, T, hd]
        int k = state.beams();
        if (k == 1) {
            return crossAttn.attendTransposed(q, state.crossKeys(layer), state.crossValues(layer), state.sourceMask());
        }
        long rows = q.getShape().get(0);
        long heads = q.getShape().get(1);
        long headDim = q.getShape().get(3);
        if (q.getShape().get(2) != 1) {
            throw new IllegalArgumentException("beam decoding feeds one token per step");
        }
        NDArray grouped = q.reshape(rows / k, k, heads, headDim).transpose(0, 2, 1, 3); // [n, H, K, hd]
        NDArray attended = crossAttn.attendTransposed(grouped, state.crossKeys(layer), state.crossValues(layer),
                state.sourceMask()); // [n, K, d]
        return attended.reshape(rows, 1, -1); // [R, 1, d]
    }
}
