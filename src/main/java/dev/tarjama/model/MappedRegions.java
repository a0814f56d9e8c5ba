package dev.tarjama.model;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.util.Collection;

/**
 * Unmaps the file regions behind checkpoint tensors once nothing reads them any more, instead of
 * waiting for the garbage collector: used after a reduced-precision model has copied, converted or
 * packed every weight, so that the float32 file's pages stop counting in the process's RSS.
 *
 * <p>Only buffers that are mappings themselves are released (a safetensors file read one region
 * per tensor); slices of a larger mapping (one-region reads, {@code pytorch_model.bin} entries) and
 * heap buffers are left to the collector. Any access to a released buffer would crash the JVM, so
 * the caller must own the tensors and drop them after this call.
 */
final class MappedRegions {
    private MappedRegions() {}

    /** @return how many mappings were released */
    static int release(Collection<RawTensor> tensors) {
        sun.misc.Unsafe unsafe = unsafe();
        if (unsafe == null) {
            return 0;
        }
        int released = 0;
        for (RawTensor t : tensors) {
            ByteBuffer data = t.data();
            if (data instanceof MappedByteBuffer && data.isDirect()) {
                try {
                    unsafe.invokeCleaner(data);
                    released++;
                } catch (IllegalArgumentException sliceOrDuplicate) {
                    // part of a larger mapping: the collector unmaps it with its parent
                }
            }
        }
        return released;
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
