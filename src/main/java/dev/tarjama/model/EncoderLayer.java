package dev.tarjama.model;

import ai.djl.ndarray.NDArray;

/** One post-LN encoder layer: {@code x = LN(x + SelfAttn(x)); x = LN(x + FFN(x))}. */
record EncoderLayer(Attention selfAttn, LayerNorm selfAttnNorm, FeedForward ffn, LayerNorm finalNorm) {

    /**
     * @param x hidden states {@code [B, S, d]}
     * @param mask additive source padding mask {@code [B, 1, 1, S]}
     * @return {@code [B, S, d]}
     */
    NDArray forward(NDArray x, NDArray mask) {
        NDArray attended = selfAttn.attend(selfAttn.queries(x), selfAttn.keys(x), selfAttn.values(x), mask);
        x = selfAttnNorm.apply(x.add(attended));
        return finalNorm.apply(x.add(ffn.apply(x)));
    }
}
