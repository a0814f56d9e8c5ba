package dev.tarjama.model;

import ai.djl.ndarray.NDArray;

/**
 * A dense layer {@code y = x·Wᵀ + b} on the checkpoint's own {@code weight [out, in]} layout
 * (zero-copy from the memory-mapped file; torch's addmm reads the transposed weight directly).
 */
record Linear(NDArray weight, NDArray bias) {
    /** {@code x [..., in]} → {@code [..., out]}. */
    NDArray apply(NDArray x) {
        return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
