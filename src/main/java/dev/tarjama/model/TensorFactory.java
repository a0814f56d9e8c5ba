package dev.tarjama.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns validated checkpoint tensors into NDArrays owned by the model's root manager: zero-copy
 * views of the memory-mapped file in fp32; in a reduced {@link Precision}, linear weights packed by
 * {@link Kernels} and every other array copied into libtorch's memory, so that nothing refers to
 * the file mapping once the model is built (the caller may then unmap it).
 */
final class TensorFactory {
    private final NDManager manager;
    private final MarianWeights weights;
    private final Precision precision;
    private final Kernels kernels;
    private final List<Linear> packed = new ArrayList<>();

    /** @param kernels the reduced-precision products; null in fp32 */
    TensorFactory(NDManager manager, MarianWeights weights, Precision precision, Kernels kernels) {
        this.manager = manager;
        this.weights = weights;
        this.precision = precision;
        this.kernels = kernels;
        if ((kernels == null) != (precision == Precision.FP32)) {
            throw new IllegalArgumentException("kernels are needed exactly for the reduced precisions");
        }
    }

    NDArray get(String key) {
        return create(weights.get(key));
    }

    /** A zero-copy view of the mapped tensor, whatever the precision; the caller closes it before the file is unmapped. */
    NDArray view(String key) {
        RawTensor t = weights.get(key);
        return manager.create(t.data(), new Shape(t.shape()), DataType.FLOAT32);
    }

    NDArray create(RawTensor t) {
        NDArray view = manager.create(t.data(), new Shape(t.shape()), DataType.FLOAT32);
        if (precision == Precision.FP32) {
            return view;
        }
        NDArray copy = view.duplicate();
        view.close();
        return copy;
    }

    /** {@code y = x·Wᵀ + b} with {@code weight [out, in]} and {@code bias [out]}, in this factory's precision. */
    Linear linear(String weightKey, NDArray bias) {
        if (precision == Precision.FP32) {
            return new Linear.Dense(get(weightKey), bias);
        }
        try (NDArray view = view(weightKey)) {
            Linear layer = kernels.pack(precision, view, bias);
            packed.add(layer);
            return layer;
        }
    }

    /** The packed layers made so far, for the model to close. */
    List<Linear> packed() {
        return List.copyOf(packed);
    }

    Prefixed prefixed(UnaryOperator<String> key) {
        return new Prefixed(key);
    }

    /** Builds the blocks of one layer, whose keys share a prefix. */
    final class Prefixed {
        private final UnaryOperator<String> key;

        private Prefixed(UnaryOperator<String> key) {
            this.key = key;
        }

        Linear linear(String name) {
            return TensorFactory.this.linear(key.apply(name + ".weight"), get(key.apply(name + ".bias")));
        }

        LayerNorm norm(String name) {
            return new LayerNorm(get(key.apply(name + ".weight")), get(key.apply(name + ".bias")));
        }

        Attention attention(String name, int heads) {
            return new Attention(linear(name + ".q_proj"), linear(name + ".k_proj"), linear(name + ".v_proj"),
                    linear(name + ".out_proj"), heads);
        }

        /**
         * The decoder layer {@code layer} (already built from the same keys) as one fused step. In a
         * reduced precision its q/k/v weights are concatenated and packed once more as one product;
         * every other product is the layer's own.
         */
        FusedDecoderLayer fusedDecoderLayer(Kernels kernels, DecoderLayer layer, int heads, float scale,
                Activation activation) {
            if (precision == Precision.FP32) {
                return new FusedDecoderLayer(kernels, precision, layer, null, null, heads, scale, activation);
            }
            String[] names = {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj"};
            NDList weights = new NDList();
            NDList biases = new NDList();
            try {
                for (String name : names) {
                    weights.add(view(key.apply(name + ".weight")));
                    biases.add(get(key.apply(name + ".bias")));
                }
                NDArray bias = NDArrays.concat(biases, 0); // [3d], in the root manager
                try (NDArray weight = NDArrays.concat(weights, 0)) { // [3d, d]
                    return new FusedDecoderLayer(kernels, precision, layer, kernels.packRaw(precision, weight, bias),
                            precision == Precision.BF16 ? bias : null, heads, scale, activation);
                }
            } finally {
                weights.close();
                biases.close();
            }
        }

        FeedForward ffn(Activation activation) {
            return new FeedForward(linear("fc1"), linear("fc2"), activation);
        }
    }
}
