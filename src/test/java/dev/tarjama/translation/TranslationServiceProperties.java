package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.text.SourceNormalizer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** For any article: offsets slice the input, nothing is dropped, translations follow the engine. */
class TranslationServiceProperties {
    private static FakeEngine engine;
    private static TranslationService service;

    @BeforeContainer
    static void start() {
        engine = new FakeEngine();
        service = new TranslationService(engine, ServiceConfig.DEFAULTS.withTokenBudget(3).withBatch(32, 4096, 0));
    }

    @AfterContainer
    static void stop() {
        service.close();
    }

    @Provide
    Arbitrary<String> articles() {
        return Arbitraries.strings()
                .withChars("ابتثجحخدذرسشصضطظعغفقكلمنهوي ")
                .withChars(" \n\r\t.!?؟…،؛:«»\"()0123456789٢٫\u200B\u200F\u200C\uFEFF")
                .ofMaxLength(300);
    }

    @Property(tries = 200)
    void everySentenceIsAlignedAndTranslatedOrPassedThrough(@ForAll("articles") String text) {
        TranslatedDocument doc = service.translate(text, new DecodeOptions(1, 64));
        int lastEnd = 0;
        for (TranslatedParagraph p : doc.paragraphs()) {
            assertEquals(text.substring(p.start(), p.end()), p.source());
            assertTrue(p.start() >= lastEnd);
            lastEnd = p.end();
            List<String> parts = new ArrayList<>();
            for (TranslatedSentence s : p.sentences()) {
                assertEquals(text.substring(s.start(), s.end()), s.source());
                String normalized = SourceNormalizer.normalize(s.source());
                assertEquals(!dev.tarjama.text.ArabicScript.hasLetter(s.source()), s.passthrough(), s.source());
                if (s.passthrough()) {
                    assertEquals(s.source(), s.translation(), "a sentence without Arabic letters is copied unchanged");
                } else if (!s.split()) {
                    assertEquals(normalized.isEmpty() ? "" : FakeEngine.expected(normalized), s.translation());
                } else {
                    assertTrue(engine.tokenCount(normalized) > 3);
                    assertTrue(s.translation().startsWith("EN("), s.translation());
                }
                if (!s.translation().isEmpty()) {
                    parts.add(s.translation());
                }
            }
            assertEquals(String.join(" ", parts), p.translation());
        }
        // nothing outside paragraphs that the model would see
        StringBuilder rest = new StringBuilder(text);
        for (int i = doc.paragraphs().size() - 1; i >= 0; i--) {
            rest.delete(doc.paragraphs().get(i).start(), doc.paragraphs().get(i).end());
        }
        assertTrue(SourceNormalizer.normalize(rest.toString()).isEmpty(), "untranslated text: " + rest);
    }
}
