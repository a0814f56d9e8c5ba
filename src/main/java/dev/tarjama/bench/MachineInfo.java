package dev.tarjama.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a benchmark figure depends on: CPU model, visible cores, intra-op threads, JVM, and the
 * load average when the run started and ended (the box may be shared).
 */
public record MachineInfo(String cpuModel, int cores, int intraOpThreads, int interOpThreads, String mkl,
        String jvm, String loadAverage) {

    /**
     * Describes this machine; the thread counts are those the engine reports, {@code mkl} what
     * {@code MklDispatch} did.
     */
    public static MachineInfo current(int intraOpThreads, int interOpThreads, String mkl) {
        return new MachineInfo(readCpuModel(), Runtime.getRuntime().availableProcessors(), intraOpThreads,
                interOpThreads, mkl, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                currentLoadAverage());
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown". */
    /** cpuModel, cores, threads, oneMKL's code path and the JVM, as the reports' {@code machine} object. */
    public com.google.gson.JsonObject toJson() {
        com.google.gson.JsonObject m = new com.google.gson.JsonObject();
        m.addProperty("cpuModel", cpuModel);
        m.addProperty("cores", cores);
        m.addProperty("intraOpThreads", intraOpThreads);
        m.addProperty("interOpThreads", interOpThreads);
        m.addProperty("mkl", mkl);
        m.addProperty("jvm", jvm);
        return m;
    }

    public static String currentLoadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }
}
