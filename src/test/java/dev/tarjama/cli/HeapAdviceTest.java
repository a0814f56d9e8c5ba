package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeapAdviceTest {
    private static final long GIB = 1L << 30;

    @Test
    void theDefaultQuarterOfALargeMachineIsWarnedAbout() {
        String warning = HeapAdvice.check(List.of("-Dfile.encoding=UTF-8"), 16 * GIB, 64 * GIB).orElseThrow();
        assertTrue(warning.contains("16.0 GiB") && warning.contains("64.0 GiB") && warning.contains("-Xmx1g"), warning);
    }

    @Test
    void anExplicitHeapSettingOrASmallCeilingIsLeftAlone() {
        assertTrue(HeapAdvice.check(List.of("-Xmx8g"), 8 * GIB, 64 * GIB).isEmpty());
        assertTrue(HeapAdvice.check(List.of("-XX:MaxRAMPercentage=50"), 32 * GIB, 64 * GIB).isEmpty());
        assertTrue(HeapAdvice.check(List.of(), 2 * GIB, 8 * GIB).isEmpty(), "a quarter of 8 GiB is fine");
    }
}
