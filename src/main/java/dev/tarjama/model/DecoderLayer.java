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
        NDArray cross = crossAttn.attend(
                crossAttn.queries(x), state.crossKeys(layer), state.crossValues(layer), state.sourceMask());
        x = crossAttnNorm.apply(x.add(cross));
        return finalNorm.apply(x.add(ffn.apply(x)));
    }
}
