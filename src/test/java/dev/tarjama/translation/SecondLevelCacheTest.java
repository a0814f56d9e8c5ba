package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.review.ReviewPolicy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Two services (two replicas' worth of first-level caches and engines) over one second level: what
 * one translated, the other serves as cached without its engine; a second level that cannot answer
 * is a miss, never an error.
 */
class SecondLevelCacheTest {
    /** A second level in a map (what the Redis one does with keys and TTLs). */
    static final class MapLevel implements SharedSentenceCache {
        final Map<String, EngineResult> entries = new ConcurrentHashMap<>();
        volatile boolean down;

        @Override
        public Map<String, EngineResult> getAll(Collection<String> keys) {
            Map<String, EngineResult> found = new HashMap<>();
            if (!down) {
                keys.forEach(k -> {
                    if (entries.containsKey(k)) {
                        found.put(k, entries.get(k));
                    }
                });
            }
            return found;
        }

        @Override
        public void put(String key, EngineResult result) {
            if (!down) {
                entries.put(key, result);
            }
        }
    }

    private static TranslationService replica(FakeEngine engine, SharedSentenceCache level) {
        return new TranslationService(engine, ServiceConfig.DEFAULTS, ReviewPolicy.defaults(), new LocalRevisions(10), level);
    }

    @Test
    void whatOneReplicaTranslatedTheOtherServesAsCachedWithoutItsEngine() {
        MapLevel level = new MapLevel();
        FakeEngine engineA = new FakeEngine();
        FakeEngine engineB = new FakeEngine();
        String text = "جملة أولى. جملة ثانية.\n\nفقرة أخرى.";
        try (TranslationService a = replica(engineA, level); TranslationService b = replica(engineB, level)) {
            TranslatedDocument onA = a.translate(text, DecodeOptions.DEFAULT);
            assertEquals(0, onA.stats().cached());
            assertEquals(3, level.entries.size(), "every engine result went to the second level");
            TranslatedDocument onB = b.translate(text, DecodeOptions.DEFAULT);
            assertEquals(3, onB.stats().cached());
            assertEquals(0, engineB.translatedSentences(), "B's engine was not asked");
            assertEquals(onA.paragraphs().get(0).translation(), onB.paragraphs().get(0).translation());
            TranslatedDocument greedy = b.translate(text, new DecodeOptions(1, 64));
            assertEquals(0, greedy.stats().cached(), "other decoding options are other keys");
        }
    }

    @Test
    void aSecondLevelThatDoesNotAnswerIsAMiss() {
        MapLevel level = new MapLevel();
        level.down = true;
        FakeEngine engine = new FakeEngine();
        try (TranslationService s = replica(engine, level)) {
            TranslatedDocument doc = s.translate("جملة أولى.", DecodeOptions.DEFAULT);
            assertEquals(FakeEngine.expected("جملة أولى."), doc.paragraphs().get(0).translation());
            assertTrue(level.entries.isEmpty());
            assertEquals(1, s.translate("جملة أولى.", DecodeOptions.DEFAULT).stats().cached(), "the first level still works");
        }
    }

    @Test
    void keysCoverModelRevisionOptionsAndSentence() {
        String k = SharedSentenceCache.key("rev-1", DecodeOptions.DEFAULT, "جملة.");
        assertEquals(64, k.length());
        assertEquals(k, SharedSentenceCache.key("rev-1", new DecodeOptions(4, 512), "جملة."));
        assertTrue(List.of(SharedSentenceCache.key("rev-2", DecodeOptions.DEFAULT, "جملة."),
                SharedSentenceCache.key("rev-1", DecodeOptions.DEFAULT.withAlternatives(2), "جملة."),
                SharedSentenceCache.key("rev-1", DecodeOptions.DEFAULT, "جملة!")).stream().noneMatch(k::equals));
    }
}
