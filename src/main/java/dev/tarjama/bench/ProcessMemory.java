package dev.tarjama.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident memory of this process from Linux {@code /proc/self/status}: current ({@code VmRSS})
 * and peak ({@code VmHWM}). The peak can be reset by writing 5 to {@code /proc/self/clear_refs}
 * (Linux 4.0+), which gives a per-phase peak. Empty results where /proc is not available.
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessMemory() {}

    /** Peak resident set size in bytes since start or the last {@link #resetPeak()}. */
    public static OptionalLong peakRssBytes() {
        return field("VmHWM:");
    }

    /** Current resident set size in bytes. */
    public static OptionalLong rssBytes() {
        return field("VmRSS:");
    }

    /** Current RSS split into anonymous and file-backed (e.g. memory-mapped weights) memory, in MB. */
    public static String breakdown() {
        return "RSS " + mb(rssBytes()) + " MB (anon " + mb(field("RssAnon:")) + ", file " + mb(field("RssFile:"))
                + "), peak " + mb(peakRssBytes()) + " MB; Java heap committed "
                + (Runtime.getRuntime().totalMemory() >> 20) + " MB";
    }

    private static long mb(OptionalLong bytes) {
        return bytes.orElse(-1L << 20) >> 20;
    }

    /**
     * Resets the peak to the current RSS.
     *
     * @return false where the kernel does not allow it (the peak then covers the whole process)
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static OptionalLong field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024); // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
