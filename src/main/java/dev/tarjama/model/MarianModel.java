package dev.tarjama.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MarianMT transformer on DJL NDArrays: scaled embeddings plus sinusoids, post-LN encoder and
 * decoder layers, and the tied LM head with {@code final_logits_bias}.
 *
 * <p>All weights belong to one root {@link NDManager} owned by this object; {@link #close()} frees
 * them. Per-call arrays are created in the managers of their inputs, so callers scope them.
 */
public final class MarianModel implements AutoCloseable {
    /** On oneMKL's AVX2 kernels, 2 up to this many rows run the LM head as {@code shared · hᵀ} (see {@link #logits}). */
    static final int SKINNY_ROWS = 8;
    /** Whether oneMKL runs its AVX-512 kernels ({@link MklDispatch}); the LM head's layout depends on it. */
    private final boolean avx512Mkl;
    private final MarianConfig config;
    private final NDManager root;
    private final Precision precision;
    private final NDArray shared; // [V, d]: the embeddings, and in fp32 the LM head; float16 in a reduced precision
    private final NDArray lmHeadT; // [d, V], contiguous copy of shared^T; null in a reduced precision
    private final Linear lmHead; // the packed LM head in a reduced precision; null in fp32
    private final Kernels kernels;
    private final List<Linear> packed;
    /** Single-token decoder steps as one kernels call per layer; null when built without (tests compare both). */
    private final FusedDecoderLayer[] fused;
    private final NDArray finalLogitsBias; // [1, V]
    private final NDArray positions; // [maxPos, d]
    private final float embedScale;
    private final EncoderLayer[] encoder;
    private final DecoderLayer[] decoder;
    /** Keeps the memory-mapped buffers that the weight arrays point into reachable. */
    private final MarianWeights weights;

    private MarianModel(MarianConfig config, NDManager root, MarianWeights w, boolean avx512Mkl, Precision precision,
            boolean fusedSteps) {
        this.config = config;
        this.root = root;
        this.weights = w;
        this.precision = precision;
        this.kernels = Kernels.load(root);
        TensorFactory t = new TensorFactory(root, w, precision, precision == Precision.FP32 ? null : kernels);
        this.avx512Mkl = avx512Mkl;
        this.finalLogitsBias = t.create(w.finalLogitsBias());
        if (precision == Precision.FP32) {
            this.shared = t.get(MarianWeights.SHARED);
            this.lmHeadT = shared.transpose().flatten().reshape(config.dModel(), config.vocabSize());
            this.lmHead = null;
        } else {
            // the LM head packed; the embedding rows kept as float16 (half of float32's memory, relative
            // error below 5e-4, small beside the products' rounding), looked up and widened per step
            try (NDArray view = t.view(MarianWeights.SHARED)) {
                this.shared = view.toType(DataType.FLOAT16, false);
            }
            this.lmHeadT = null;
            this.lmHead = t.linear(MarianWeights.SHARED, finalLogitsBias.reshape(config.vocabSize()));
        }
        float[] table = Sinusoids.table(config.maxPositions(), config.dModel());
        this.positions = root.create(table, new Shape(config.maxPositions(), config.dModel()));
        this.embedScale = config.scaleEmbedding() ? (float) Math.sqrt(config.dModel()) : 1f;
        this.encoder = new EncoderLayer[config.encoderLayers()];
        for (int i = 0; i < encoder.length; i++) {
            int layer = i;
            TensorFactory.Prefixed p = t.prefixed(s -> MarianWeights.encoderKey(layer, s));
            encoder[i] = new EncoderLayer(
                    p.attention("self_attn", config.encoderHeads()), p.norm("self_attn_layer_norm"),
                    p.ffn(config.activation()), p.norm("final_layer_norm"));
        }
        this.decoder = new DecoderLayer[config.decoderLayers()];
        for (int i = 0; i < decoder.length; i++) {
            int layer = i;
            TensorFactory.Prefixed p = t.prefixed(s -> MarianWeights.decoderKey(layer, s));
            decoder[i] = new DecoderLayer(
                    p.attention("self_attn", config.decoderHeads()), p.norm("self_attn_layer_norm"),
                    p.attention("encoder_attn", config.decoderHeads()), p.norm("encoder_attn_layer_norm"),
                    p.ffn(config.activation()), p.norm("final_layer_norm"));
        }
        this.packed = t.packed();
        if (!fusedSteps) {
            this.fused = null;
        } else {
            this.fused = new FusedDecoderLayer[decoder.length];
            float scale = (float) Math.pow(config.dModel() / config.decoderHeads(), -0.5);
            for (int i = 0; i < decoder.length; i++) {
                int layer = i;
                fused[i] = t.prefixed(s -> MarianWeights.decoderKey(layer, s))
                        .fusedDecoderLayer(kernels, decoder[i], config.decoderHeads(), scale, config.activation());
            }
        }
    }

    /** Loads config and weights from a Hugging Face model directory, in fp32 (exact to transformers). */
    public static MarianModel load(ModelDirectory dir) {
        return load(dir, Precision.FP32);
    }

    /** Loads config and weights from a Hugging Face model directory, computing in {@code precision}. */
    public static MarianModel load(ModelDirectory dir, Precision precision) {
        return load(dir, precision, true);
    }

    /**
     * As {@link #load(ModelDirectory, Precision)}; without {@code fusedSteps} every decoder step runs
     * operation by operation (the reference the fused step is tested against).
     */
    static MarianModel load(ModelDirectory dir, Precision precision, boolean fusedSteps) {
        MarianConfig config = dir.config();
        // in a reduced precision one mapping per tensor, so that each can be unmapped once copied
        Map<String, RawTensor> tensors = dir.readWeights(precision != Precision.FP32);
        MarianWeights weights = MarianWeights.validate(config, tensors, dir.weightsFile());
        boolean avx512Mkl = DjlRuntime.startEngine().mkl().avx512Enabled();
        NDManager root = Engine.getEngine("PyTorch").newBaseManager();
        try {
            MarianModel model = new MarianModel(config, root, weights, avx512Mkl, precision, fusedSteps);
            if (precision != Precision.FP32) {
                // every array was copied, packed or converted into libtorch's memory: unmapping the file
                // now keeps its pages out of this process's RSS (the point of storing weights reduced)
                MappedRegions.release(tensors.values());
            }
            return model;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    public MarianConfig config() {
        return config;
    }

    /** The arithmetic of the linear layers and the LM head. */
    public Precision precision() {
        return precision;
    }

    /** The root manager that owns the weights; per-request managers are made from it. */
    public NDManager manager() {
        return root;
    }

    /**
     * Runs the encoder.
     *
     * @param ids source ids, int64 {@code [B, S]}, right-padded
     * @param attentionMask 1 for tokens, 0 for padding, int64 or float {@code [B, S]}
     * @return encoder output {@code [B, S, d]}
     */
    public NDArray encode(NDArray ids, NDArray attentionMask) {
        NDArray mask = additiveMask(attentionMask); // [B, 1, 1, S]
        NDArray x = embed(ids, 0);
        for (EncoderLayer layer : encoder) {
            // each layer's intermediates (the FFN's [B·S, ffn] arrays, attention scores) are freed
            // when the layer ends, not when the caller's scope does: the encoder's peak memory is one
            // layer's, not six layers' (at 32 sentences × 32 tokens, about 160 MB less)
            NDArray next;
            try (NDScope layerScope = new NDScope()) {
                next = layer.forward(x, mask);
                NDScope.unregister(next);
            }
            NDScope.register(next);
            x.close();
            x = next;
        }
        mask.close();
        return x;
    }

    /**
     * The encoder's hidden states layer by layer, as transformers' {@code output_hidden_states}:
     * index 0 is the scaled embeddings plus positions, index j the output of layer j.
     *
     * @return {@code encoderLayers + 1} arrays {@code [B, S, d]}
     */
    public List<NDArray> encoderHiddenStates(NDArray ids, NDArray attentionMask) {
        NDArray mask = additiveMask(attentionMask); // [B, 1, 1, S]
        List<NDArray> states = new ArrayList<>(encoder.length + 1);
        NDArray x = embed(ids, 0);
        states.add(x);
        for (EncoderLayer layer : encoder) {
            x = layer.forward(x, mask);
            states.add(x);
        }
        return states;
    }

    /**
     * Starts a decoder state: cross-attention K/V for every decoder layer, computed once.
     *
     * @param encoderOutput {@code [B, S, d]}
     * @param attentionMask source mask {@code [B, S]}
     */
    public DecoderState startDecoder(NDArray encoderOutput, NDArray attentionMask) {
        NDArray[] keys = new NDArray[decoder.length];
        NDArray[] values = new NDArray[decoder.length];
        for (int i = 0; i < decoder.length; i++) {
            keys[i] = decoder[i].crossAttn().keysTransposedContiguous(encoderOutput); // [B, H, hd, S]
            values[i] = decoder[i].crossAttn().valuesContiguous(encoderOutput); // [B, H, S, hd]
        }
        return new DecoderState(keys, values, additiveMask(attentionMask), kernels);
    }

    /**
     * Feeds T new target tokens through the decoder, extending the state's caches.
     *
     * @param tokens int64 {@code [B, T]}
     * @return last-layer hidden states {@code [B, T, d]}
     */
    public NDArray decode(DecoderState state, NDArray tokens) {
        List<NDArray> states = decoderHiddenStates(state, tokens);
        return states.get(states.size() - 1);
    }

    /**
     * Like {@link #decode} but returns every layer's output: index 0 is the embeddings plus
     * positions, index j the output of decoder layer j ({@code decoderLayers + 1} arrays {@code [B, T, d]}).
     */
    public List<NDArray> decoderHiddenStates(DecoderState state, NDArray tokens) {
        long steps = tokens.getShape().get(1);
        int past = state.length();
        if (past + steps > config.maxPositions()) {
            throw new IllegalArgumentException("target length " + (past + steps) + " exceeds "
                    + config.maxPositions() + " positions");
        }
        List<NDArray> states = new ArrayList<>(decoder.length + 1);
        NDArray x = embed(tokens, past);
        states.add(x);
        NDArray causal = steps > 1 ? causalMask(tokens.getManager(), (int) steps, past) : null;
        for (int i = 0; i < decoder.length; i++) {
            x = steps == 1 && fused != null ? fused[i].forward(x, state, i) : decoder[i].forward(x, state, i, causal);
            states.add(x);
        }
        state.advance((int) steps);
        return states;
    }

    /**
     * The last decoder layer's cross-attention for one sentence pair, heads averaged, by forced
     * decoding (teacher forcing) of {@code decoderInput} over {@code source}: row t is where the
     * decoder looked when it predicted the token after {@code decoderInput[t]}. Separate from
     * generation, so decoding never computes attention weights it does not need. Every native array
     * of the call is freed before it returns.
     *
     * @param source source ids, ending with {@code </s>}
     * @param decoderInput decoder start followed by the generated tokens (without the final {@code </s>})
     * @return {@code [T][S]} probabilities, each row summing to 1
     */
    public float[][] crossAttention(int[] source, int[] decoderInput) {
        int s = source.length;
        int t = decoderInput.length;
        if (s == 0 || t == 0 || s > config.maxPositions() || t > config.maxPositions()) {
            throw new IllegalArgumentException("cannot align " + s + " source and " + t + " target tokens");
        }
        long[] ids = new long[s];
        long[] mask = new long[s];
        for (int i = 0; i < s; i++) {
            ids[i] = source[i];
            mask[i] = 1;
        }
        long[] target = new long[t];
        for (int i = 0; i < t; i++) {
            target[i] = decoderInput[i];
        }
        float[] flat;
        try (NDManager manager = root.newSubManager(); NDScope scope = new NDScope()) {
            NDArray idArray = manager.create(ids, new Shape(1, s)); // [1, S]
            NDArray maskArray = manager.create(mask, new Shape(1, s)); // [1, S]
            NDArray tokens = manager.create(target, new Shape(1, t)); // [1, T]
            try (DecoderState state = startDecoder(encode(idArray, maskArray), maskArray)) {
                NDArray x = embed(tokens, 0); // [1, T, d]
                NDArray causal = t > 1 ? causalMask(manager, t, 0) : null;
                int last = decoder.length - 1;
                for (int i = 0; i < last; i++) {
                    x = decoder[i].forward(x, state, i, causal);
                }
                flat = decoder[last].crossAttentionWeights(x, state, last, causal).toFloatArray(); // [1, T, S]
            }
        }
        float[][] out = new float[t][s];
        for (int i = 0; i < t; i++) {
            System.arraycopy(flat, i * s, out[i], 0, s);
        }
        return out;
    }

    /**
     * Raw logits for hidden states {@code [B, d]} → {@code [B, V]} (or {@code [B, T, d]} → {@code [B, T, V]}).
     *
     * <p>Three layouts of the same product, chosen by row count and oneMKL's code path from
     * measurements inside the decoding loop (one thread, V = 62,834, d = 512; docs/performance.md):
     * <ul>
     *   <li>{@code h · lmHeadT}, a gemm on the contiguous {@code [d, V]} copy: the default;
     *   <li>on oneMKL's AVX-512 kernels (see {@link MklDispatch}), one row as {@code linear(h,
     *       shared)}, a gemv over the {@code [V, d]} rows: greedy batch 1 ran at 85–87 tok/s this
     *       way against 62–76 on the copy; for 4 rows it is 1.5x slower, so only one row;
     *   <li>on its AVX2 kernels, 2 to 8 rows as {@code shared · hᵀ}, a tall-skinny product
     *       (1.3–1.6x faster there; on the AVX-512 kernels it is 1.4–1.9x slower and its transposed
     *       result makes {@code log_softmax} over 32 rows 20x slower).
     * </ul>
     */
    public NDArray logits(NDArray hidden) {
        if (lmHead != null) {
            return lmHead.apply(hidden);
        }
        long rows = hidden.getShape().get(0);
        boolean matrix = hidden.getShape().dimension() == 2;
        if (matrix && rows == 1 && avx512Mkl) {
            return ai.djl.nn.core.Linear.linear(hidden, shared, null).singletonOrThrow().addi(finalLogitsBias);
        }
        if (matrix && !avx512Mkl && rows > 1 && rows <= SKINNY_ROWS) {
            return shared.matMul(hidden.transpose()).transpose().addi(finalLogitsBias); // [V, B]ᵀ → [B, V] view
        }
        return hidden.matMul(lmHeadT).addi(finalLogitsBias); // [B, V]
    }

    /** {@code ids [B, T]} → {@code shared[ids]·scale + positions[offset : offset+T]}, {@code [B, T, d]}. */
    private NDArray embed(NDArray ids, int offset) {
        long steps = ids.getShape().get(1);
        NDArray rows = shared.get(ids); // [B, T, d]
        NDArray tokens = (rows.getDataType() == DataType.FLOAT32 ? rows : rows.toType(DataType.FLOAT32, false))
                .muli(embedScale);
        NDArray pos = positions.get(new NDIndex("{}:{}", offset, offset + steps)); // [T, d]
        return tokens.addi(pos);
    }

    /** 1/0 mask {@code [B, S]} → additive {@code [B, 1, 1, S]}: 0 where attended, float min where padded. */
    private static NDArray additiveMask(NDArray attentionMask) {
        long b = attentionMask.getShape().get(0);
        long s = attentionMask.getShape().get(1);
        NDArray padded = attentionMask.toType(DataType.FLOAT32, false).neg().addi(1f); // 1 at padding
        return padded.muli(-Float.MAX_VALUE).reshape(b, 1, 1, s);
    }

    /** Additive causal mask {@code [1, 1, T, past + T]}: query t sees keys 0..past+t. */
    private static NDArray causalMask(NDManager manager, int steps, int past) {
        float[] mask = new float[steps * (past + steps)];
        for (int t = 0; t < steps; t++) {
            for (int k = past + t + 1; k < past + steps; k++) {
                mask[t * (past + steps) + k] = -Float.MAX_VALUE;
            }
        }
        return manager.create(mask, new Shape(1, 1, steps, past + steps));
    }

    @Override
    public void close() {
        for (Linear l : packed) {
            l.close();
        }
        if (fused != null) {
            for (FusedDecoderLayer f : fused) {
                f.close();
            }
        }
        kernels.close();
        root.close();
    }
}
