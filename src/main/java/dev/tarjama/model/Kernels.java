package dev.tarjama.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Operations DJL does not expose, as a TorchScript module the project writes itself
 * ({@link TorchScriptArchive}) and libtorch compiles at load: the reduced-precision products, and
 * {@code index_select} for reordering the decoder caches (DJL's row gather goes through
 * {@code aten::index}, about 3x slower for these [rows, heads, positions, head_dim] buffers; the
 * result is the same copy). DJL has no int8 or bfloat16 linear,
 * and its JNI aborts the JVM on any bfloat16 array (creating one or converting to one; found in
 * the issue 13 spike), so packed and bfloat16 weights live only inside libtorch, held as opaque
 * {@link IValue}s, and every product is one call into the module.
 *
 * <p>int8 uses PyTorch's dynamic quantized linear ({@code quantized::linear_prepack} /
 * {@code linear_dynamic}, fbgemm). Its {@code reduce_range} (7-bit activations) is on only where
 * the CPU lacks VNNI, whose int8 dot products cannot overflow as AVX2's 16-bit pair sums can.
 *
 * <p>Thread-safe: the module has no mutable state; methods may run concurrently.
 */
final class Kernels implements AutoCloseable {
    private static final String PACKED = "__torch__.torch.classes.quantized.LinearPackedParamsBase";
    private static final String SELF = "self: __torch__.Kernels";
    private static final String METHODS = ""
            + "  def forward(" + SELF + ", x: Tensor) -> Tensor:\n"
            + "    return x\n"
            + "  def select_rows(" + SELF + ", x: Tensor, rows: Tensor) -> Tensor:\n"
            + "    return torch.index_select(x, 0, rows)\n"
            // per-output-channel symmetric int8: scale = max|w| / 127 (clamped away from 0 for zero rows)
            + "  def pack_int8(" + SELF + ", w: Tensor, b: Tensor) -> " + PACKED + ":\n"
            + "    scale = torch.div(torch.clamp_min(torch.amax(torch.abs(w), [1]), 1e-12), 127.)\n"
            + "    qw = torch.quantize_per_channel(w, torch.to(scale, 7), torch.zeros_like(scale, dtype=4), 0, 12)\n"
            + "    return ops.quantized.linear_prepack(qw, b)\n"
            + "  def linear_int8(" + SELF + ", x: Tensor, p: " + PACKED + ", reduce_range: bool) -> Tensor:\n"
            + "    return ops.quantized.linear_dynamic(x, p, reduce_range)\n"
            // dtype codes: 6 float32, 7 float64, 4 int64, 12 qint8, 15 bfloat16
            + "  def pack_bf16(" + SELF + ", w: Tensor) -> Tensor:\n"
            + "    return torch.contiguous(torch.to(w, 15))\n"
            + "  def linear_bf16(" + SELF + ", x: Tensor, w: Tensor, b: Tensor) -> Tensor:\n"
            + "    return torch.add(torch.to(torch.linear(torch.to(x, 15), w), 6), b)\n";

    private final PtSymbolBlock module;
    private final IValue reduceRange;

    private Kernels(PtSymbolBlock module, boolean reduceRange) {
        this.module = module;
        this.reduceRange = IValue.from(reduceRange);
    }

    /** Compiles the module into {@code manager} (the model's root manager, which then owns it). */
    static Kernels load(NDManager manager) {
        byte[] archive = TorchScriptArchive.write("Kernels", METHODS
                + FusedDecoderLayer.source(Precision.FP32) + FusedDecoderLayer.source(Precision.INT8)
                + FusedDecoderLayer.source(Precision.BF16));
        try {
            PtSymbolBlock block = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive),
                    false, false);
            return new Kernels(block, !CpuFeatures.current().vnni());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Packs {@code y = x·Wᵀ + b} for {@code precision}.
     *
     * @param weight {@code [out, in]} float32 (read once here; the result does not refer to it)
     * @param bias {@code [out]} float32; kept by the returned layer
     */
    Linear pack(Precision precision, NDArray weight, NDArray bias) {
        IValue packed = packRaw(precision, weight, bias);
        return precision == Precision.INT8 ? new Linear.Int8(this, packed) : new Linear.Bf16(this, packed, bias);
    }

    /** The packed form of a product for {@link #pack}'s layers and {@link FusedDecoderLayer}: owned by the caller. */
    IValue packRaw(Precision precision, NDArray weight, NDArray bias) {
        return switch (precision) {
            case FP32 -> throw new IllegalArgumentException("fp32 layers are not packed");
            case INT8 -> call("pack_int8", weight, bias);
            case BF16 -> call("pack_bf16", weight);
        };
    }

    /**
     * Runs {@code method} with the per-call {@code dynamic} values (closed here) followed by the
     * caller-owned {@code fixed} ones and {@code reduce_range}; returns its tensor in {@code like}'s manager.
     */
    NDArray call(String method, NDArray like, List<IValue> dynamic, IValue... fixed) {
        IValue[] args = new IValue[dynamic.size() + fixed.length + 1];
        for (int i = 0; i < dynamic.size(); i++) {
            args[i] = dynamic.get(i);
        }
        System.arraycopy(fixed, 0, args, dynamic.size(), fixed.length);
        args[args.length - 1] = reduceRange;
        try (IValue out = run(method, args)) {
            return out.toTensor((PtNDManager) like.getManager());
        } finally {
            for (IValue v : dynamic) {
                v.close();
            }
        }
    }

    /** {@code x[rows]} along axis 0, a new contiguous array in {@code x}'s manager. */
    NDArray selectRows(NDArray x, NDArray rows) {
        try (IValue in = IValue.from((PtNDArray) x);
                IValue index = IValue.from((PtNDArray) rows);
                IValue out = run("select_rows", in, index)) {
            return out.toTensor((PtNDManager) x.getManager());
        }
    }

    /** {@code x [..., in]} → {@code [..., out]} through an int8-packed weight. */
    NDArray linearInt8(NDArray x, IValue packed) {
        try (IValue in = IValue.from((PtNDArray) x);
                IValue out = run("linear_int8", in, packed, reduceRange)) {
            return out.toTensor((PtNDManager) x.getManager());
        }
    }

    /** {@code x [..., in]} → {@code [..., out]} through a bfloat16 weight {@code [out, in]}. */
    NDArray linearBf16(NDArray x, IValue weight, NDArray bias) {
        try (IValue in = IValue.from((PtNDArray) x);
                IValue b = IValue.from((PtNDArray) bias);
                IValue out = run("linear_bf16", in, weight, b)) {
            return out.toTensor((PtNDManager) x.getManager());
        }
    }

    private IValue call(String method, NDArray... args) {
        IValue[] in = new IValue[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                in[i] = IValue.from((PtNDArray) args[i]);
            }
            return run(method, in);
        } finally {
            for (IValue v : in) {
                if (v != null) {
                    v.close();
                }
            }
        }
    }

    /**
     * Runs a method of the module. Not through {@link IValueUtils#runMethod}, which runs it under
     * {@code c10::InferenceMode}: its results would be inference tensors, on which the model's later
     * in-place operations (the query scaling, the logits processors) fail outside that mode. The
     * same JNI entry point with its "train" flag set runs the method in the calling thread's normal
     * mode instead; nothing here requires gradients, so no autograd graph is recorded.
     */
    private IValue run(String method, IValue... args) {
        long[] handles = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            handles[i] = args[i].getHandle();
        }
        try {
            long result = (long) RUN_METHOD.invokeExact(LIBRARY, module.getHandle().longValue(), method, handles, true, false);
            return (IValue) NEW_IVALUE.invokeExact(result);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static final Object LIBRARY;
    private static final MethodHandle RUN_METHOD;
    private static final MethodHandle NEW_IVALUE;

    static {
        try {
            Class<?> lib = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
            Field instance = lib.getDeclaredField("LIB");
            instance.setAccessible(true);
            LIBRARY = instance.get(null);
            Method run = lib.getDeclaredMethod("moduleRunMethod", long.class, String.class, long[].class,
                    boolean.class, boolean.class);
            run.setAccessible(true);
            RUN_METHOD = MethodHandles.lookup().unreflect(run)
                    .asType(MethodType.methodType(long.class, Object.class, long.class, String.class, long[].class,
                            boolean.class, boolean.class));
            Constructor<IValue> ctor = IValue.class.getDeclaredConstructor(long.class);
            ctor.setAccessible(true);
            NEW_IVALUE = MethodHandles.lookup().unreflectConstructor(ctor)
                    .asType(MethodType.methodType(IValue.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void close() {
        reduceRange.close();
        module.close();
    }
}
