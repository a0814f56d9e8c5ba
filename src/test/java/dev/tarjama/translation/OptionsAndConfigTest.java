package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionsAndConfigTest {
    @Test
    void decodeOptionsRejectOutOfRangeValuesNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DecodeOptions(0, 10)).getMessage().startsWith("beams"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DecodeOptions(9, 10)).getMessage().startsWith("beams"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DecodeOptions(1, 0)).getMessage().startsWith("maxLength"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DecodeOptions(1, 513)).getMessage().startsWith("maxLength"));
        assertEquals(new DecodeOptions(8, 512), new DecodeOptions(8, 512));
    }

    @Test
    void serviceConfigRejectsInvalidValuesNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceConfig.DEFAULTS.withTokenBudget(0)).getMessage().startsWith("tokenBudget"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceConfig.DEFAULTS.withQueueCapacity(0)).getMessage().startsWith("queueCapacity"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceConfig.DEFAULTS.withWorkers(0)).getMessage().startsWith("workers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceConfig.DEFAULTS.withBatch(0, 1, 1)).getMessage().startsWith("maxBatchSentences"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceConfig.DEFAULTS.withCacheMaxChars(-1)).getMessage().startsWith("cacheMaxChars"));
        assertEquals(200, ServiceConfig.DEFAULTS.tokenBudget());
    }

    @Test
    void engineResultsMustHaveAFiniteScore() {
        assertThrows(IllegalArgumentException.class, () -> new EngineResult("x", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new EngineResult("x", Double.NEGATIVE_INFINITY));
    }
}
