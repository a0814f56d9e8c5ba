package dev.tarjama.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;

/** Turns validated checkpoint tensors into NDArrays owned by the model's root manager (zero-copy). */
final class TensorFactory {
    private final NDManager manager;
    private final MarianWeights weights;

    TensorFactory(NDManager manager, MarianWeights weights) {
        this.manager = manager;
        this.weights = weights;
    }

    NDArray get(String key) {
        return create(weights.get(key));
    }

    NDArray create(RawTensor t) {
        return manager.create(t.data(), new Shape(t.shape()), DataType.FLOAT32);
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
            return new Linear(get(key.apply(name + ".weight")), get(key.apply(name + ".bias")));
        }

        LayerNorm norm(String name) {
            return new LayerNorm(get(key.apply(name + ".weight")), get(key.apply(name + ".bias")));
        }

        Attention attention(String name, int heads) {
            return new Attention(linear(name + ".q_proj"), linear(name + ".k_proj"), linear(name + ".v_proj"),
                    linear(name + ".out_proj"), heads);
        }

        FeedForward ffn(Activation activation) {
            return new FeedForward(linear("fc1"), linear("fc2"), activation);
        }
    }
}
