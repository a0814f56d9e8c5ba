package dev.tarjama.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativeHeapTest {
    @Test
    void trimReportsResidentMemoryBeforeAndAfter() {
        String report = NativeHeap.trim();
        // glibc (this project's Linux images): "Trim native heap: RSS+Swap: 98380K->98316K (-65536B)"
        assertTrue(report.startsWith("Trim native heap") && report.contains("->"), report);
    }
}
