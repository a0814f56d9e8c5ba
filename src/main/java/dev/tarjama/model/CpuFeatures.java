package dev.tarjama.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The x86 CPU flags the reduced-precision kernels care about, read from {@code /proc/cpuinfo}. */
record CpuFeatures(boolean vnni, boolean avx512Bf16) {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    static CpuFeatures current() {
        try {
            return parse(Files.readString(CPUINFO));
        } catch (IOException | RuntimeException e) {
            return new CpuFeatures(false, false);
        }
    }

    /** From the first {@code flags} line of a cpuinfo text. */
    static CpuFeatures parse(String cpuinfo) {
        Set<String> flags = cpuinfo.lines()
                .filter(l -> l.startsWith("flags"))
                .findFirst()
                .map(l -> Pattern.compile("\\s+").splitAsStream(l.substring(l.indexOf(':') + 1).trim())
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        return new CpuFeatures(flags.contains("avx512_vnni") || flags.contains("avx_vnni"),
                flags.contains("avx512_bf16"));
    }
}
