package dev.tarjama.model;

import ai.djl.ndarray.NDArray;
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
    private final int headCount;
    /** What this layer made and closes: the lists, scalars and the fused q/k/v product, not the shared products. */
    private final List<IValue> owned = new ArrayList<>();
    private final IValue products; // the six (reduced: q/k/v fused) or eight (fp32) products
    private final IValue biases; // fp32 and bf16: the products' biases; int8: empty (inside the packed parameters)
    private final IValue norms;
    private final IValue heads;
    private final IValue scale;
    private final IValue activation;

    /**
     * Shares the products of {@code layer}, the operation-by-operation layer built from the same
     * weights (the float32 views in fp32, the packed products in bf16/int8), so no weight is packed
     * twice; only the fused q/k/v product is new.
     *
     * @param fusedQkv bf16/int8: the {@code [3d, d]} q/k/v product from {@link Kernels#packRaw}, owned
     *     by this layer from now on; null in fp32
     * @param fusedQkvBias bf16: its bias {@code [3d]} (int8 keeps it inside the packed parameters); else null
     */
    FusedDecoderLayer(Kernels kernels, Precision precision, DecoderLayer layer, IValue fusedQkv, NDArray fusedQkvBias,
            int heads, float scale, Activation activation) {
        if ((fusedQkv == null) != (precision == Precision.FP32)) {
            throw new IllegalArgumentException("a fused q/k/v product is needed exactly in a reduced precision");
        }
        this.kernels = kernels;
        this.method = "decoder_layer_" + precision.label();
        this.headCount = heads;
        Attention self = layer.selfAttn();
        Attention cross = layer.crossAttn();
        List<Linear> shared = new ArrayList<>(List.of(self.out(), cross.q(), cross.out(), layer.ffn().fc1(),
                layer.ffn().fc2()));
        List<IValue> productList = new ArrayList<>();
        List<PtNDArray> biasList = new ArrayList<>();
        if (fusedQkv == null) {
            shared.addAll(0, List.of(self.q(), self.k(), self.v()));
        } else {
            productList.add(keep(fusedQkv));
            if (fusedQkvBias != null) {
                biasList.add((PtNDArray) fusedQkvBias);
            }
        }
        for (Linear l : shared) {
            if (l instanceof Linear.Dense d) {
                productList.add(keep(IValue.from((PtNDArray) d.weight())));
                biasList.add((PtNDArray) d.bias());
            } else if (l instanceof Linear.Int8 q) {
                productList.add(q.packed());
            } else if (l instanceof Linear.Bf16 b) {
                productList.add(b.weight());
                biasList.add((PtNDArray) b.bias());
            }
        }
        this.products = keep(IValue.listFrom(productList.toArray(IValue[]::new)));
        this.biases = keep(IValue.listFrom(biasList.toArray(PtNDArray[]::new)));
        LayerNorm[] lns = {layer.selfAttnNorm(), layer.crossAttnNorm(), layer.finalNorm()};
        List<PtNDArray> normList = new ArrayList<>();
        for (LayerNorm ln : lns) {
            normList.add((PtNDArray) ln.gamma());
            normList.add((PtNDArray) ln.beta());
        }
        this.norms = keep(IValue.listFrom(normList.toArray(PtNDArray[]::new)));
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
        NDArray[] buffers = state.selfBuffersForNextPosition(layer, x, headCount);
        return kernels.call(method, x, List.of(IValue.from((PtNDArray) x), IValue.from((PtNDArray) buffers[0]),
                IValue.from((PtNDArray) buffers[1]), IValue.from((long) state.length()),
                IValue.from((PtNDArray) state.crossKeys(layer)), IValue.from((PtNDArray) state.crossValues(layer)),
                IValue.from((PtNDArray) state.sourceMask()), IValue.from((long) state.beams())),
                products, biases, norms, heads, scale, activation);
    }

    @Override
    public void close() {
        for (IValue v : owned) {
            v.close();
        }
    }
}
