package dev.tarjama.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CpuFeaturesTest {
    @Test
    void vnniAndBf16AreReadFromTheFirstFlagsLine() {
        assertEquals(new CpuFeatures(true, true),
                CpuFeatures.parse("processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_vnni avx512_bf16\n"));
        assertEquals(new CpuFeatures(true, false), CpuFeatures.parse("flags\t: sse4_2 avx2 avx_vnni\n"));
        assertEquals(new CpuFeatures(false, false), CpuFeatures.parse("flags\t: sse4_2 avx2 fma\n"));
        assertEquals(new CpuFeatures(false, false), CpuFeatures.parse("no flags here"));
    }
}
