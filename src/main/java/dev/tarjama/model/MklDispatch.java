package dev.tarjama.model;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lets oneMKL use its AVX-512 kernels on AMD processors that have AVX-512.
 *
 * <p>libtorch_cpu links oneMKL statically, and oneMKL chooses its sgemm kernels by CPU vendor: on
 * a non-Intel CPU it takes its AVX2 path even when the CPU has AVX-512 (AMD Zen 4/5). Measured on
 * the development box (AMD EPYC with AVX-512, one thread): a [1024×512]·[512×2048] product runs at
 * 82 GFLOP/s on the AVX2 path and 192 GFLOP/s on the AVX-512 path; every linear layer of the model
 * is such a product.
 *
 * <p>oneMKL caches its vendor check in two library-private ints ({@code mkl_serv_intel_cpu_true}
 * and {@code mkl_serv_intel_cpu}, initially -1 = "not checked yet"). When the CPU is AMD with the
 * AVX-512 subsets oneMKL's kernels use, and both are still -1 (no MKL call has run), this writes 1
 * to both, so oneMKL then dispatches on the CPU's feature flags alone. It changes nothing else: the
 * kernels are oneMKL's own, the results differ from the AVX2 path only in float rounding (the
 * parity suites run with it). Every precondition is checked (the symbols' size, a writable section,
 * the current values); anything unexpected leaves the library untouched and says why.
 *
 * <p>Set {@code TARJAMA_MKL_AMD_AVX512=off} (or {@code -Dtarjama.mkl.amd-avx512=off}) to keep
 * oneMKL's own choice.
 */
public final class MklDispatch {
    static final String PROPERTY = "tarjama.mkl.amd-avx512";
    static final String ENV = "TARJAMA_MKL_AMD_AVX512";
    private static final String LIBRARY = "/libtorch_cpu.so";
    private static final String INTEL_TRUE = "mkl_serv_intel_cpu_true.cached";
    private static final String INTEL = "mkl_serv_intel_cpu.cached";
    private static final List<String> AVX512 = List.of("avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl");

    /** What was done, for logs and the benchmark report. */
    public record Outcome(boolean avx512Enabled, String detail) {}

    private MklDispatch() {}

    /** Applies the setting (auto unless set to off); call once, after the engine loaded and before any op. */
    static Outcome apply() {
        String setting = System.getProperty(PROPERTY, System.getenv().getOrDefault(ENV, "auto"))
                .trim().toLowerCase(Locale.ROOT);
        if (setting.equals("off")) {
            return new Outcome(false, "off (" + ENV + "=off): oneMKL chooses its code path itself");
        }
        if (!setting.equals("auto")) {
            return new Outcome(false, "ignored " + ENV + "='" + setting + "' (expected auto or off); left oneMKL alone");
        }
        try {
            return applyAuto();
        } catch (IOException | RuntimeException | ReflectiveOperationException e) {
            return new Outcome(false, "left oneMKL alone: " + e.getMessage());
        }
    }

    private static Outcome applyAuto() throws IOException, ReflectiveOperationException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return new Outcome(false, "not needed: no /proc/cpuinfo (not Linux)");
        }
        String vendor = null;
        String flags = "";
        for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
            if (vendor == null && line.startsWith("vendor_id")) {
                vendor = line.substring(line.indexOf(':') + 1).trim();
            } else if (line.startsWith("flags")) {
                flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
                break;
            }
        }
        if (!"AuthenticAMD".equals(vendor)) {
            return new Outcome(false, "not needed: CPU vendor " + vendor);
        }
        for (String f : AVX512) {
            if (!flags.contains(" " + f + " ")) {
                return new Outcome(false, "not needed: AMD CPU without " + f);
            }
        }
        List<Mapping> mappings = Mapping.read(LIBRARY);
        // the loader maps the library privately; a read-only shared mapping at offset 0 may be a
        // reader's (ElfSymbols maps the file too), so only private ones count
        Mapping first = mappings.stream().filter(m -> m.offset() == 0 && m.privateMapping()).findFirst().orElse(null);
        if (first == null) {
            return new Outcome(false, "left oneMKL alone: libtorch_cpu.so is not loaded");
        }
        Path library = first.file();
        long base = first.start() - ElfSymbols.firstSegmentAddress(library);
        Map<String, ElfSymbols.DataObject> symbols = ElfSymbols.objects(library, Set.of(INTEL_TRUE, INTEL));
        for (String name : List.of(INTEL_TRUE, INTEL)) {
            ElfSymbols.DataObject o = symbols.get(name);
            if (o == null || o.size() != Integer.BYTES || !o.writable()) {
                return new Outcome(false, "left oneMKL alone: " + library.getFileName() + " has no writable 4-byte "
                        + name + " (a different oneMKL build)");
            }
            long address = base + o.value();
            boolean inWritableMapping = mappings.stream().anyMatch(m -> m.file().equals(library) && m.privateMapping()
                    && m.writable() && address >= m.start() && address + Integer.BYTES <= m.end());
            if (!inWritableMapping) {
                return new Outcome(false, "left oneMKL alone: " + name + " is not in a writable mapping of " + library);
            }
        }
        sun.misc.Unsafe unsafe = unsafe();
        long intelTrue = base + symbols.get(INTEL_TRUE).value();
        long intel = base + symbols.get(INTEL).value();
        int before = unsafe.getInt(intelTrue);
        int beforeIntel = unsafe.getInt(intel);
        if (before != -1 || beforeIntel != -1) {
            return new Outcome(before == 1 && beforeIntel == 1, "left oneMKL alone: it already chose its code path ("
                    + INTEL_TRUE + "=" + before + ", " + INTEL + "=" + beforeIntel + ")");
        }
        unsafe.putInt(intelTrue, 1);
        unsafe.putInt(intel, 1);
        return new Outcome(true, "AMD CPU with AVX-512: oneMKL uses its AVX-512 kernels");
    }

    /** One line of /proc/self/maps for the library. */
    private record Mapping(long start, long end, boolean writable, boolean privateMapping, long offset, Path file) {
        static List<Mapping> read(String suffix) throws IOException {
            List<Mapping> out = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8)) {
                String[] f = line.trim().split("\\s+", 6);
                if (f.length == 6 && f[5].endsWith(suffix) && f[1].length() == 4) {
                    int dash = f[0].indexOf('-');
                    out.add(new Mapping(Long.parseUnsignedLong(f[0].substring(0, dash), 16),
                            Long.parseUnsignedLong(f[0].substring(dash + 1), 16), f[1].charAt(1) == 'w',
                            f[1].charAt(3) == 'p', Long.parseUnsignedLong(f[2], 16), Path.of(f[5])));
                }
            }
            return out;
        }
    }

    private static sun.misc.Unsafe unsafe() throws ReflectiveOperationException {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return (sun.misc.Unsafe) f.get(null);
    }
}
