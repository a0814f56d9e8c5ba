package dev.tarjama.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tarjama.generation.Hypothesis;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyBenchTest {
    @Test
    void sameIdsCommonPrefixAndScoreDifferencesAreCountedPerSentence() {
        List<Hypothesis> fp32 = List.of(new Hypothesis(new int[] {9, 1, 2, 3}, -1.0),
                new Hypothesis(new int[] {9, 4, 5, 6}, -2.0));
        List<Hypothesis> reduced = List.of(new Hypothesis(new int[] {9, 1, 2, 3}, -1.5),
                new Hypothesis(new int[] {9, 4, 7, 6}, -2.0));
        AccuracyBench.Row row = AccuracyBench.compare("m", "int8", "greedy", fp32, reduced, new boolean[] {true, false});
        assertEquals(2, row.sentences());
        assertEquals(1, row.sameIds());
        assertEquals(0.5, row.sameShare(), 1e-12);
        assertEquals((1.0 + 0.5) / 2, row.meanPrefixShare(), 1e-12); // 4/4 and 2/4 of fp32's tokens before a difference
        assertEquals(0.25, row.meanAbsScoreDiff(), 1e-12);
        assertEquals(1, row.exactToReference());
        assertEquals(2, row.referenceCount());
    }
}
