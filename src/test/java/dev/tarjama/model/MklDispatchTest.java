package dev.tarjama.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MklDispatchTest {

    @Test
    void enablesAvx512KernelsExactlyOnAmdCpusWithAvx512() throws IOException {
        DjlRuntime.EngineThreads engine = DjlRuntime.startEngine();
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
        boolean amdWithAvx512 = cpuinfo.contains("AuthenticAMD") && cpuinfo.contains(" avx512f ")
                && cpuinfo.contains(" avx512bw ") && cpuinfo.contains(" avx512vl ") && cpuinfo.contains(" avx512dq ")
                && cpuinfo.contains(" avx512cd ");
        boolean off = "off".equals(System.getProperty(MklDispatch.PROPERTY, System.getenv(MklDispatch.ENV)));
        assertEquals(amdWithAvx512 && !off, engine.mkl().avx512Enabled(), engine.mkl().detail());
    }

    @Test
    void productsStayCorrectAfterwards() {
        DjlRuntime.startEngine();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            int rows = 37;
            int inner = 300;
            int cols = 129;
            float[] a = new float[rows * inner];
            float[] b = new float[inner * cols];
            java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) random.nextDouble(-1, 1);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) random.nextDouble(-1, 1);
            }
            float[] got = m.create(a, new Shape(rows, inner)).matMul(m.create(b, new Shape(inner, cols))).toFloatArray();
            double maxDiff = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double sum = 0;
                    for (int k = 0; k < inner; k++) {
                        sum += (double) a[r * inner + k] * b[k * cols + c];
                    }
                    maxDiff = Math.max(maxDiff, Math.abs(sum - got[r * cols + c]));
                }
            }
            assertTrue(maxDiff < 1e-4, "max |diff| " + maxDiff);
        }
    }

    @Test
    void leavesTheLibraryAloneOnceMklHasChosen() {
        DjlRuntime.startEngine();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x = m.ones(new Shape(4, 4));
            x.matMul(x).close(); // oneMKL has certainly run now
        }
        MklDispatch.Outcome again = MklDispatch.apply();
        assertTrue(again.detail().startsWith("left oneMKL alone") || again.detail().startsWith("not needed")
                || again.detail().startsWith("off"), again.detail());
        assertEquals(DjlRuntime.startEngine().mkl().avx512Enabled(), again.avx512Enabled(), again.detail());
    }

    @Test
    void offAndUnknownSettingsTouchNothing() {
        String old = System.getProperty(MklDispatch.PROPERTY);
        try {
            System.setProperty(MklDispatch.PROPERTY, "off");
            MklDispatch.Outcome off = MklDispatch.apply();
            assertFalse(off.avx512Enabled());
            assertTrue(off.detail().startsWith("off"), off.detail());
            System.setProperty(MklDispatch.PROPERTY, "sometimes");
            MklDispatch.Outcome odd = MklDispatch.apply();
            assertFalse(odd.avx512Enabled());
            assertTrue(odd.detail().contains("'sometimes'"), odd.detail());
        } finally {
            if (old == null) {
                System.clearProperty(MklDispatch.PROPERTY);
            } else {
                System.setProperty(MklDispatch.PROPERTY, old);
            }
        }
    }

    @Test
    void findsOneMklsVendorCacheInTheLoadedLibrary() throws IOException {
        DjlRuntime.startEngine();
        Path library = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.endsWith("/libtorch_cpu.so")) {
                library = Path.of(line.substring(line.indexOf('/')));
                break;
            }
        }
        assertTrue(library != null, "libtorch_cpu.so is not mapped");
        Map<String, ElfSymbols.DataObject> found = ElfSymbols.objects(library,
                Set.of("mkl_serv_intel_cpu_true.cached", "no_such_symbol_anywhere"));
        ElfSymbols.DataObject cached = found.get("mkl_serv_intel_cpu_true.cached");
        assertEquals(4, cached.size());
        assertTrue(cached.writable());
        assertFalse(found.containsKey("no_such_symbol_anywhere"));
        assertEquals(0, ElfSymbols.firstSegmentAddress(library));
    }

    @Test
    void refusesFilesThatAreNotElf(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("not-a-library.so"), "just some text, long enough to have a header ".repeat(3));
        IOException e = assertThrows(IOException.class, () -> ElfSymbols.objects(text, Set.of("x")));
        assertTrue(e.getMessage().contains("not a 64-bit little-endian ELF"), e.getMessage());
    }
}
