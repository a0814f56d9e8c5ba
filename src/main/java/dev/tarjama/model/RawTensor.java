package dev.tarjama.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A float32 tensor as read from a checkpoint file, before it becomes an NDArray.
 *
 * <p>{@code data} is a direct, little-endian buffer holding exactly {@code numel * 4} bytes starting
 * at position 0. For a float32 safetensors entry it is a zero-copy slice of the memory-mapped file
 * (read-only: nothing may write into it); other dtypes are converted to float32 in Java.
 */
public record RawTensor(String name, long[] shape, ByteBuffer data) {
    public RawTensor {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        long numel = numel(shape);
        if (!data.isDirect()) {
            throw new IllegalArgumentException(name + ": tensor data must be a direct buffer");
        }
        if (data.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException(name + ": tensor data must be little-endian");
        }
        if (data.position() != 0 || data.remaining() != numel * Float.BYTES) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs "
                    + numel * Float.BYTES + " bytes, buffer has " + data.remaining());
        }
    }

    /** Number of elements of a shape; rejects negative dimensions and overflow. */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Copies the values into a Java array (for tests and small tensors). */
    public float[] toFloatArray() {
        float[] out = new float[data.remaining() / Float.BYTES];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
