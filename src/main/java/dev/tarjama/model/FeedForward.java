package dev.tarjama.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** {@code fc2(act(fc1(x)))}: {@code [..., d] → [..., ffn] → [..., d]}. */
record FeedForward(Linear fc1, Linear fc2, dev.tarjama.model.Activation activation) {
    NDArray apply(NDArray x) {
        NDArray h = fc1.apply(x); // [..., ffn]
        h = switch (activation) {
            case SILU -> h.mul(Activation.sigmoid(h));
            case GELU -> Activation.gelu(h);
            case RELU -> Activation.relu(h);
        };
        return fc2.apply(h);
    }
}
