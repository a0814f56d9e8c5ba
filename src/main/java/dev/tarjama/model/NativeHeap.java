package dev.tarjama.model;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Hands the C heap's free memory back to the operating system ({@code malloc_trim} through the
 * JVM's {@code System.trim_native_heap} diagnostic command, glibc only).
 *
 * <p>PyTorch allocates every tensor with malloc; after a large batch glibc keeps the freed blocks
 * in its per-thread arenas, so resident memory stays at the largest batch's high-water mark plus
 * fragmentation (measured: the beam-4 batch-32 benchmark peaked at 945 MB alone and 1,073 MB after
 * the other configurations had run). Trimming when work pauses returns that memory; doing it
 * between decoder steps would not pay, since the next step would fault the pages in again.
 */
public final class NativeHeap {
    private NativeHeap() {}

    /**
     * Trims now.
     *
     * @return the JVM's one-line report (RSS before and after), or why nothing was done
     */
    public static String trim() {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.valueOf(out).trim();
        } catch (JMException | RuntimeException e) {
            return "native heap not trimmed: " + e.getMessage();
        }
    }
}
