package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.text.SourceNormalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TranslationServiceTest {
    static final String ARTICLE = "قال الوزير إن الاقتصاد ينمو. وأضاف أن التضخم تراجع.\r\n\r\n"
            + "عنوان بدون نقطة\nالجملة الأخيرة هنا!";
    static final DecodeOptions OPTS = new DecodeOptions(2, 64);

    private final List<TranslationService> services = new ArrayList<>();

    private TranslationService service(FakeEngine engine, ServiceConfig config) {
        TranslationService s = new TranslationService(engine, config);
        services.add(s);
        return s;
    }

    @AfterEach
    void close() {
        services.forEach(TranslationService::close);
    }

    /** Translations and offsets only: everything that must be deterministic. */
    static List<String> fingerprint(TranslatedDocument doc) {
        List<String> out = new ArrayList<>();
        for (TranslatedParagraph p : doc.paragraphs()) {
            out.add(p.index() + ":" + p.start() + "-" + p.end() + "|" + p.source() + "|" + p.translation());
            for (TranslatedSentence s : p.sentences()) {
                out.add(s.index() + ":" + s.start() + "-" + s.end() + "|" + s.source() + "|" + s.translation()
                        + "|" + s.score() + "|" + s.split());
            }
        }
        return out;
    }

    @Test
    void alignsEverySentenceWithOffsetsThatSliceTheInput() {
        FakeEngine engine = new FakeEngine();
        TranslatedDocument doc = service(engine, ServiceConfig.DEFAULTS).translate(ARTICLE, OPTS);
        assertEquals(engine.model(), doc.model());
        assertEquals(3, doc.paragraphs().size());
        int sentences = 0;
        for (TranslatedParagraph p : doc.paragraphs()) {
            assertEquals(ARTICLE.substring(p.start(), p.end()), p.source());
            List<String> parts = new ArrayList<>();
            for (TranslatedSentence s : p.sentences()) {
                assertEquals(ARTICLE.substring(s.start(), s.end()), s.source());
                assertTrue(s.start() >= p.start() && s.end() <= p.end());
                assertEquals(FakeEngine.expected(SourceNormalizer.normalize(s.source())), s.translation());
                assertFalse(s.cached());
                assertFalse(s.split());
                parts.add(s.translation());
                sentences++;
            }
            assertEquals(String.join(" ", parts), p.translation());
        }
        assertEquals(4, sentences);
        assertEquals(sentences, doc.stats().sentences());
        assertEquals(0, doc.stats().cached());
        assertEquals("قال الوزير إن الاقتصاد ينمو.", doc.paragraphs().get(0).sentences().get(0).source());
    }

    @Test
    void emptyOrWhitespaceOnlyArticleHasNoParagraphs() {
        FakeEngine engine = new FakeEngine();
        TranslationService service = service(engine, ServiceConfig.DEFAULTS);
        for (String blank : List.of("", "   ", "\r\n\r\n \t\n")) {
            TranslatedDocument doc = service.translate(blank, OPTS);
            assertTrue(doc.paragraphs().isEmpty());
            assertEquals(0, doc.stats().sentences());
        }
        assertEquals(0, engine.batches().size());
    }

    @Test
    void identicalSentencesInOneRequestAreTranslatedOnce() {
        FakeEngine engine = new FakeEngine();
        String text = "الخبر العاجل.\nالخبر العاجل.\nالخبر  العاجل.";
        TranslatedDocument doc = service(engine, ServiceConfig.DEFAULTS).translate(text, OPTS);
        assertEquals(3, doc.stats().sentences());
        assertEquals(1, engine.translatedSentences());
        doc.paragraphs().forEach(p -> assertEquals(FakeEngine.expected("الخبر العاجل."), p.translation()));
    }

    @Test
    void repeatedRequestIsServedFromCacheWithIdenticalOutput() {
        FakeEngine engine = new FakeEngine();
        TranslationService service = service(engine, ServiceConfig.DEFAULTS);
        TranslatedDocument first = service.translate(ARTICLE, OPTS);
        int translated = engine.translatedSentences();
        TranslatedDocument second = service.translate(ARTICLE, OPTS);
        assertEquals(translated, engine.translatedSentences(), "no new engine work");
        assertEquals(fingerprint(first), fingerprint(second));
        assertEquals(4, second.stats().cached());
        second.paragraphs().forEach(p -> p.sentences().forEach(s -> assertTrue(s.cached())));
        CacheStats stats = service.cacheStats();
        assertEquals(4, stats.hits());
        assertEquals(4, stats.misses());
        assertEquals(4, stats.entries());
        assertTrue(stats.weightChars() > 0);
    }

    @Test
    void outputIsTheSameWithAndWithoutTheCache() {
        TranslatedDocument uncached = service(new FakeEngine(), ServiceConfig.DEFAULTS.withCacheMaxChars(0))
                .translate(ARTICLE, OPTS);
        TranslationService cachedService = service(new FakeEngine(), ServiceConfig.DEFAULTS);
        cachedService.translate(ARTICLE, OPTS);
        TranslatedDocument cached = cachedService.translate(ARTICLE, OPTS);
        assertEquals(4, cached.stats().cached());
        assertEquals(fingerprint(uncached), fingerprint(cached));
    }

    @Test
    void cacheKeyIncludesOptionsAndModelRevision() {
        FakeEngine engine = new FakeEngine();
        TranslationService service = service(engine, ServiceConfig.DEFAULTS);
        service.translate("جملة واحدة.", OPTS);
        assertEquals(0, service.translate("جملة واحدة.", new DecodeOptions(1, 64)).stats().cached());
        assertEquals(1, service.translate("جملة واحدة.", OPTS).stats().cached());
        engine.setRevision("rev-2");
        assertEquals(0, service.translate("جملة واحدة.", OPTS).stats().cached());
        assertEquals(3, engine.translatedSentences());
    }

    @Test
    void sentenceOverTheTokenBudgetIsTranslatedInPiecesJoinedBySpaces() {
        FakeEngine engine = new FakeEngine();
        String words = "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة أحد اثنا";
        TranslatedDocument doc = service(engine, ServiceConfig.DEFAULTS.withTokenBudget(4)).translate(words, OPTS);
        TranslatedSentence s = doc.paragraphs().get(0).sentences().get(0);
        assertTrue(s.split());
        assertEquals(words, s.source());
        List<String> pieces = engine.batches().stream().flatMap(List::stream).toList();
        assertTrue(pieces.size() >= 3, "pieces: " + pieces);
        pieces.forEach(p -> assertTrue(engine.tokenCount(p) <= 4, p));
        assertEquals(words, String.join(" ", pieces.stream().sorted((a, b) -> words.indexOf(a) - words.indexOf(b)).toList()));
        List<String> expected = pieces.stream().sorted((a, b) -> words.indexOf(a) - words.indexOf(b))
                .map(FakeEngine::expected).toList();
        assertEquals(String.join(" ", expected), s.translation());
        assertEquals(s.translation(), doc.paragraphs().get(0).translation());
    }

    @Test
    void articlesOfOneBatchShareDeduplicationAndKeepTheirOrder() {
        FakeEngine engine = new FakeEngine();
        List<TranslatedDocument> docs = service(engine, ServiceConfig.DEFAULTS)
                .translateAll(List.of("خبر أول.", "خبر ثان.", "خبر أول."), OPTS);
        assertEquals(3, docs.size());
        assertEquals(FakeEngine.expected("خبر أول."), docs.get(0).paragraphs().get(0).translation());
        assertEquals(FakeEngine.expected("خبر ثان."), docs.get(1).paragraphs().get(0).translation());
        assertEquals(FakeEngine.expected("خبر أول."), docs.get(2).paragraphs().get(0).translation());
        assertEquals(2, engine.translatedSentences());
    }

    @Test
    void engineFailureFailsTheRequestAndIsNotCached() {
        FakeEngine engine = new FakeEngine();
        TranslationService service = service(engine, ServiceConfig.DEFAULTS.withBatch(32, 4096, 0));
        assertThrows(TranslationFailedException.class, () -> service.translate("جملة FAIL هنا.", OPTS));
        assertEquals(FakeEngine.expected("جملة سليمة."),
                service.translate("جملة سليمة.", OPTS).paragraphs().get(0).translation());
        assertThrows(TranslationFailedException.class, () -> service.translate("جملة FAIL هنا.", OPTS));
        assertEquals(2, engine.batches().stream().filter(b -> b.get(0).contains("FAIL")).count(), "retried, not cached");
    }

    @Test
    void fullQueueRefusesNewRequestsAndServesTheAdmittedOnes() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.hold();
        TranslationService service = service(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0).withQueueCapacity(1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<TranslatedDocument> a = pool.submit(() -> service.translate("الأول.", OPTS));
            assertTrue(engine.awaitFirstBatch(5000));
            Future<TranslatedDocument> b = pool.submit(() -> service.translate("الثاني.", OPTS));
            long deadline = System.currentTimeMillis() + 5000;
            while (service.queuedSentences() < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, service.queuedSentences());
            assertThrows(ServiceOverloadedException.class, () -> service.translate("الثالث.", OPTS));
            engine.release();
            assertEquals(FakeEngine.expected("الأول."), a.get(5, TimeUnit.SECONDS).paragraphs().get(0).translation());
            assertEquals(FakeEngine.expected("الثاني."), b.get(5, TimeUnit.SECONDS).paragraphs().get(0).translation());
            assertEquals(FakeEngine.expected("الثالث."),
                    service.translate("الثالث.", OPTS).paragraphs().get(0).translation(), "refused work was not cached as failed");
        } finally {
            engine.release();
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRequestsGetCorrectResultsAndEachDistinctSentenceIsTranslatedOnce() throws Exception {
        FakeEngine engine = new FakeEngine();
        TranslationService service = service(engine, ServiceConfig.DEFAULTS.withWorkers(2));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> futures = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        try {
            for (int t = 0; t < 8; t++) {
                for (int r = 0; r < 10; r++) {
                    String text = "خبر رقم " + (r % 5) + ".\nتعليق رقم " + ((t + r) % 7) + ".";
                    distinct.add("خبر رقم " + (r % 5) + ".");
                    distinct.add("تعليق رقم " + ((t + r) % 7) + ".");
                    futures.add(pool.submit(() -> {
                        TranslatedDocument d = service.translate(text, OPTS);
                        for (TranslatedParagraph p : d.paragraphs()) {
                            assertEquals(FakeEngine.expected(p.source()), p.translation());
                        }
                        return d.paragraphs().size() == 2;
                    }));
                }
            }
            for (Future<Boolean> f : futures) {
                assertTrue(f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(distinct.size(), engine.translatedSentences());
    }
}
