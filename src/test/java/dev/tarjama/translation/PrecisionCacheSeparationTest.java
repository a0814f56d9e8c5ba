package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.model.Precision;
import dev.tarjama.review.ReviewPolicy;
import dev.tarjama.testutil.Golden;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An fp32 and an int8 service of the same model directory over one shared sentence cache (what two
 * replicas on one Redis are): the precision is part of the revision, so neither is ever served the
 * other's cached translations, while each still finds its own.
 */
class PrecisionCacheSeparationTest {
    @BeforeAll
    static void runtime() {
        DjlRuntime.configure(1);
    }

    private static TranslationService service(MarianTranslator translator, SharedSentenceCache shared) {
        return new TranslationService(new MarianEngine(translator), ServiceConfig.DEFAULTS, ReviewPolicy.defaults(),
                new LocalRevisions(10), shared);
    }

    private static java.util.List<Double> scores(TranslatedDocument doc) {
        return doc.paragraphs().get(0).sentences().stream().map(TranslatedSentence::score).toList();
    }

    @Test
    void fp32AndInt8ServicesOverOneSharedCacheNeverServeEachOthersTranslations() {
        SecondLevelCacheTest.MapLevel shared = new SecondLevelCacheTest.MapLevel();
        String text = String.join(" ", Golden.lines("parallel/train.ar").subList(40, 43));
        DecodeOptions greedy = new DecodeOptions(1, 64);
        ModelDirectory dir = ModelDirectory.open(Golden.TINY_MODEL);
        try (MarianTranslator fp32 = MarianTranslator.load(dir, 1, Precision.FP32);
                MarianTranslator int8 = MarianTranslator.load(dir, 1, Precision.INT8)) {
            TranslatedDocument exact;
            try (TranslationService s = service(fp32, shared)) {
                exact = s.translate(text, greedy);
            }
            int sentences = exact.paragraphs().get(0).sentences().size();
            assertEquals(0, exact.stats().cached());
            assertEquals(sentences, shared.entries.size());
            Set<String> fp32Keys = new HashSet<>(shared.entries.keySet());

            TranslatedDocument reduced;
            try (TranslationService s = service(int8, shared)) {
                reduced = s.translate(text, greedy);
            }
            assertEquals(0, reduced.stats().cached(), "the int8 service translated every sentence itself");
            assertEquals(dir.revision() + "+int8", reduced.model().revision());
            assertEquals(dir.revision(), exact.model().revision());
            assertEquals(2 * sentences, shared.entries.size(), "int8 results went in under keys of their own");
            assertTrue(shared.entries.keySet().containsAll(fp32Keys), "fp32's entries are untouched");

            // fresh services (empty first levels), as another replica of each: each finds only its own entries
            try (TranslationService s = service(fp32, shared)) {
                TranslatedDocument again = s.translate(text, greedy);
                assertEquals(sentences, again.stats().cached());
                assertEquals(dir.revision(), again.model().revision());
                assertEquals(scores(exact), scores(again), "fp32's own cached results");
            }
            try (TranslationService s = service(int8, shared)) {
                TranslatedDocument again = s.translate(text, greedy);
                assertEquals(sentences, again.stats().cached());
                assertEquals(dir.revision() + "+int8", again.model().revision());
                assertEquals(scores(reduced), scores(again), "int8's own cached results, not fp32's");
            }
        }
    }
}
