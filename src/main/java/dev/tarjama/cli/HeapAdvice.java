package dev.tarjama.cli;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A start-up check of the heap ceiling: started as {@code java -jar} without a heap flag, the JVM
 * may grow its heap to a quarter of the machine's memory, far above what {@code serve} needs (the
 * model's weights live in native memory, outside the heap), and a burst of requests then takes that
 * memory and keeps it. {@code bin/tarjama} passes {@code -Xmx1g}; see docs/operations.md, "Memory".
 */
final class HeapAdvice {
    /** Heap that serve needs with the default limits (cache, bodies, streams), with headroom. */
    static final long RECOMMENDED = 1L << 30;
    private static final List<String> HEAP_FLAGS = List.of("-Xmx", "-XX:MaxHeapSize", "-XX:MaxRAMPercentage",
            "-XX:MaxRAMFraction", "-XX:MaxRAM=");

    private HeapAdvice() {}

    /**
     * A warning when no heap flag was given and the ceiling is over twice {@link #RECOMMENDED};
     * empty otherwise.
     */
    static Optional<String> check(List<String> jvmArguments, long maxHeapBytes, long physicalBytes) {
        boolean chosen = jvmArguments.stream().anyMatch(a -> HEAP_FLAGS.stream().anyMatch(a::startsWith));
        if (chosen || maxHeapBytes <= 2 * RECOMMENDED) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "tarjama: warning: the Java heap may grow to %.1f GiB (the JVM's default, "
                + "a quarter of this machine's %.1f GiB) although serve needs about 1 GiB besides the model's native "
                + "memory; start it with -Xmx1g (bin/tarjama does) or set JAVA_TOOL_OPTIONS=-Xmx1g (docs/operations.md, Memory)",
                gib(maxHeapBytes), gib(physicalBytes)));
    }

    /** The check for this JVM. */
    static Optional<String> check() {
        long physical = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            physical = os.getTotalMemorySize();
        }
        return check(ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory(), physical);
    }

    private static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
