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
