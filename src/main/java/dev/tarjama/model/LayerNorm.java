package dev.tarjama.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** LayerNorm over the last axis with eps 1e-5, as Marian's {@code nn.LayerNorm(d_model)}. */
record LayerNorm(NDArray gamma, NDArray beta) {
    private static final float EPS = 1e-5f;

    /** {@code x [..., d]} → {@code [..., d]}. */
    NDArray apply(NDArray x) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(gamma.getShape().get(0)), gamma, beta, EPS)
                .singletonOrThrow();
    }
}
