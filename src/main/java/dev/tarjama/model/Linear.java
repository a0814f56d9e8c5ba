package dev.tarjama.model;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.IValue;

/** A dense layer {@code y = x·Wᵀ + b}, {@code x [..., in]} → {@code [..., out]}, in one of the {@link Precision}s. */
sealed interface Linear extends AutoCloseable {
    NDArray apply(NDArray x);

    /** Frees what the layer owns beyond the model's root manager (packed weights); arrays are the manager's. */
    @Override
    default void close() {}

    /**
     * float32 on the checkpoint's own {@code weight [out, in]} layout (zero-copy from the
     * memory-mapped file; torch's addmm reads the transposed weight directly).
     */
    record Dense(NDArray weight, NDArray bias) implements Linear {
        @Override
        public NDArray apply(NDArray x) {
            return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
        }
    }

    /** int8 weights packed for fbgemm (bias inside the packed parameters); see {@link Kernels}. */
    record Int8(Kernels kernels, IValue packed) implements Linear {
        @Override
        public NDArray apply(NDArray x) {
            return kernels.linearInt8(x, packed);
        }

        @Override
        public void close() {
            packed.close();
        }
    }

    /** bfloat16 weights {@code [out, in]} held inside libtorch; float32 bias. See {@link Kernels}. */
    record Bf16(Kernels kernels, IValue weight, NDArray bias) implements Linear {
        @Override
        public NDArray apply(NDArray x) {
            return kernels.linearBf16(x, weight, bias);
        }

        @Override
        public void close() {
            weight.close();
        }
    }
}
