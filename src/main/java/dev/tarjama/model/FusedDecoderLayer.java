package dev.tarjama.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import java.util.ArrayList;
import java.util.List;

/**
 * One decoder layer's single-token step as one call into the kernels module, instead of about 45
 * DJL operations (each a JNI crossing of ~9 µs plus its NDArray bookkeeping; at batch 1 those
 * crossings were a third of an int8 step). In fp32 the same operations as {@link DecoderLayer#forward}
 * in the same order, so bit-identical to it (tested); in a reduced precision the same arithmetic as
 * {@link DecoderLayer#forward} with {@link Linear.Int8} or {@link Linear.Bf16} layers, except that
 * the self-attention q, k and v come from one fused product ({@code [3d, d]} packed once).
 *
 * <p>The layer's weights are held as {@link IValue}s made once at load; per call only the
 * activations, the caches and the step's scalars are wrapped. Multi-token calls (forced decoding,
 * alignment) keep the operation-by-operation path.
 */
final class FusedDecoderLayer implements AutoCloseable {
    /** The TorchScript method for one precision; {@code LIN(x, i)} is the i-th product of the layer. */
    static String source(Precision precision) {
        String name = "decoder_layer_" + precision.label();
        String linType;
        String lin;
        switch (precision) {
            case FP32 -> {
                linType = "List[Tensor]";
                lin = "torch.linear(%s, p[%d], b[%2$d])";
            }
            case INT8 -> {
                linType = "List[__torch__.torch.classes.quantized.LinearPackedParamsBase]";
                lin = "ops.quantized.linear_dynamic(%s, p[%d], reduce_range)";
            }
            case BF16 -> {
                linType = "List[Tensor]";
                lin = "torch.add(torch.to(torch.linear(torch.to(%s, 15), p[%d]), 6), b[%2$d])";
            }
            default -> throw new IllegalArgumentException("no fused layer in " + precision.label());
        }
        boolean fusedQkv = precision != Precision.FP32;
        int o = fusedQkv ? 0 : 2; // index shift of the products after q/k/v
        String qkv = fusedQkv
                ? "    qkv = " + String.format(lin, "x", 0) + "\n"
                        + "    q = torch.mul(torch.slice(qkv, 2, 0, d), scale)\n"
                        + "    k = torch.slice(qkv, 2, d, 2 * d)\n"
                        + "    v = torch.slice(qkv, 2, 2 * d, 3 * d)\n"
                // fp32: the same products as DecoderLayer, one by one, so the step is bit-identical to it
                : "    q = torch.mul(" + String.format(lin, "x", 0) + ", scale)\n"
                        + "    k = " + String.format(lin, "x", 1) + "\n"
                        + "    v = " + String.format(lin, "x", 2) + "\n";
        // x [R, 1, d]; sk, sv [R, H, cap, hd] written at position `length`; ck [n, H, hd, S];
        // cv [n, H, S, hd]; mask [n, 1, 1, S]; R = n * beams. Products: 0 qkv, 1 self out, 2 cross q,
        // 3 cross out, 4 fc1, 5 fc2; w: the three LayerNorms' weight and bias.
        return "  def " + name + "(self: __torch__.Kernels, x: Tensor, sk: Tensor, sv: Tensor, length: int,"
                + " ck: Tensor, cv: Tensor, mask: Tensor, beams: int, p: " + linType + ", b: List[Tensor],"
                + " w: List[Tensor], heads: int, scale: float, act: int, reduce_range: bool) -> Tensor:\n"
                + "    rows = torch.size(x, 0)\n"
                + "    d = torch.size(x, 2)\n"
                + "    hd = torch.floordiv(d, heads)\n"
                + qkv
                + "    q = torch.transpose(torch.reshape(q, [rows, 1, heads, hd]), 1, 2)\n"
                + "    k = torch.transpose(torch.reshape(k, [rows, 1, heads, hd]), 1, 2)\n"
                + "    v = torch.transpose(torch.reshape(v, [rows, 1, heads, hd]), 1, 2)\n"
                + "    _0 = torch.copy_(torch.slice(sk, 2, length, length + 1), k)\n"
                + "    _1 = torch.copy_(torch.slice(sv, 2, length, length + 1), v)\n"
                + "    keys = torch.slice(sk, 2, 0, length + 1)\n"
                + "    values = torch.slice(sv, 2, 0, length + 1)\n"
                + "    a = torch.matmul(torch.softmax(torch.matmul(q, torch.transpose(keys, 2, 3)), -1), values)\n"
                + "    a = torch.reshape(torch.transpose(a, 1, 2), [rows, 1, d])\n"
                + "    h = torch.layer_norm(torch.add(x, " + String.format(lin, "a", 1 + o) + "), [d], w[0], w[1], 1.0000000000000001e-05)\n"
                + "    n = torch.size(ck, 0)\n"
                + "    cq = torch.mul(" + String.format(lin, "h", 2 + o) + ", scale)\n"
                + "    cq = torch.transpose(torch.reshape(cq, [n, beams, heads, hd]), 1, 2)\n"
                + "    c = torch.matmul(torch.softmax(torch.add(torch.matmul(cq, ck), mask), -1), cv)\n"
                + "    c = torch.reshape(torch.transpose(c, 1, 2), [rows, 1, d])\n"
                + "    h = torch.layer_norm(torch.add(h, " + String.format(lin, "c", 3 + o) + "), [d], w[2], w[3], 1.0000000000000001e-05)\n"
                + "    f = " + String.format(lin, "h", 4 + o) + "\n"
                + "    if act == 0:\n"
                + "      f = torch.mul(f, torch.sigmoid(f))\n"
                + "    elif act == 1:\n"
                + "      f = torch.gelu(f)\n"
                + "    else:\n"
                + "      f = torch.relu(f)\n"
                + "    return torch.layer_norm(torch.add(h, " + String.format(lin, "f", 5 + o) + "), [d], w[4], w[5], 1.0000000000000001e-05)\n";
    }

    private final Kernels kernels;
    private final String method;
    private final List<IValue> owned = new ArrayList<>();
    private final IValue products; // list of the six packed products (int8) or bf16 weights
    private final IValue biases; // bf16: the six biases; int8: empty (inside the packed parameters)
    private final IValue norms;
    private final IValue heads;
    private final IValue scale;
    private final IValue activation;

    /**
     * Packs the layer's products: q/k/v fused into one {@code [3d, d]} product.
     *
     * @param weights {@code q, k, v, out, cross q, cross out, fc1, fc2} weight views {@code [out, in]}
     * @param biasArrays the same eight biases
     * @param norms the three LayerNorms' gamma and beta, in order
     */
    FusedDecoderLayer(Kernels kernels, Precision precision, NDArray[] weights, NDArray[] biasArrays, NDArray[] norms,
            int heads, float scale, Activation activation) {
        this.kernels = kernels;
        this.method = "decoder_layer_" + precision.label();
        if (precision == Precision.FP32) {
            // the layer's own float32 arrays (zero-copy views), not copies: they live as long as the model
            this.products = keep(IValue.listFrom(java.util.Arrays.stream(weights).map(a -> (PtNDArray) a)
                    .toArray(PtNDArray[]::new)));
            this.biases = keep(IValue.listFrom(java.util.Arrays.stream(biasArrays).map(a -> (PtNDArray) a)
                    .toArray(PtNDArray[]::new)));
        } else {
            List<NDArray> ws = new ArrayList<>();
            List<NDArray> bs = new ArrayList<>();
            try (NDArray qkv = NDArrays.concat(new NDList(weights[0], weights[1], weights[2]), 0);
                    NDArray qkvBias = NDArrays.concat(new NDList(biasArrays[0], biasArrays[1], biasArrays[2]), 0)) {
                ws.add(qkv);
                bs.add(qkvBias);
                for (int i = 3; i < 8; i++) {
                    ws.add(weights[i]);
                    bs.add(biasArrays[i]);
                }
                IValue[] packed = new IValue[6];
                for (int i = 0; i < 6; i++) {
                    packed[i] = kernels.packRaw(precision, ws.get(i), bs.get(i));
                    owned.add(packed[i]);
                }
                this.products = keep(IValue.listFrom(packed));
                this.biases = keep(precision == Precision.BF16 ? IValue.listFrom(bs.stream()
                        .map(a -> (PtNDArray) a.duplicate()).toArray(PtNDArray[]::new)) : IValue.listFrom(new PtNDArray[0]));
            }
        }
        this.norms = keep(IValue.listFrom(java.util.Arrays.stream(norms).map(a -> (PtNDArray) a).toArray(PtNDArray[]::new)));
        this.heads = keep(IValue.from((long) heads));
        this.scale = keep(IValue.from((double) scale));
        this.activation = keep(IValue.from((long) activation.ordinal()));
    }

    private IValue keep(IValue v) {
        owned.add(v);
        return v;
    }

    /**
     * @param x {@code [R, 1, d]}
     * @return {@code [R, 1, d]}; the state's self-attention caches of {@code layer} hold the new position
     */
    NDArray forward(NDArray x, DecoderState state, int layer) {
        NDArray[] buffers = state.selfBuffersForNextPosition(layer, x, heads());
        return kernels.call(method, x, List.of(IValue.from((PtNDArray) x), IValue.from((PtNDArray) buffers[0]),
                IValue.from((PtNDArray) buffers[1]), IValue.from((long) state.length()),
                IValue.from((PtNDArray) state.crossKeys(layer)), IValue.from((PtNDArray) state.crossValues(layer)),
                IValue.from((PtNDArray) state.sourceMask()), IValue.from((long) state.beams())),
                products, biases, norms, heads, scale, activation);
    }

    private int heads() {
        return (int) heads.toLong();
    }

    @Override
    public void close() {
        for (IValue v : owned) {
            v.close();
        }
    }
}
