package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.review.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NonArabicPassagesTest {
    private static final DecodeOptions OPTS = new DecodeOptions(1, 64);
    private final FakeEngine engine = new FakeEngine();
    private final TranslationService service = new TranslationService(engine);

    @AfterEach
    void close() {
        service.close();
    }

    private List<String> sentToEngine() {
        return engine.batches().stream().flatMap(List::stream).toList();
    }

    @Test
    void sentencesWithoutArabicLettersAreCopiedUnchangedAndNeverSentToTheModel() {
        String quote = "\"We will not back down.\"";
        String url = "https://www.example.com/news?id=٢٠٢٤";
        String table = "2023 | 2024 | ٣٫٥٪";
        String article = "قال الوزير إن الاقتصاد ينمو. " + quote + "\n" + url + "\n" + table;
        TranslatedDocument doc = service.translate(article, OPTS);

        TranslatedSentence arabic = doc.paragraphs().get(0).sentences().get(0);
        TranslatedSentence english = doc.paragraphs().get(0).sentences().get(1);
        assertFalse(arabic.passthrough());
        assertEquals(FakeEngine.expected("قال الوزير إن الاقتصاد ينمو."), arabic.translation());
        assertTrue(english.passthrough());
        assertEquals(quote, english.translation());
        assertEquals(FakeEngine.expected("قال الوزير إن الاقتصاد ينمو.") + " " + quote,
                doc.paragraphs().get(0).translation());
        for (int p = 1; p <= 2; p++) {
            TranslatedSentence s = doc.paragraphs().get(p).sentences().get(0);
            assertTrue(s.passthrough(), s.source());
            assertEquals(s.source(), s.translation());
            assertFalse(s.needsReview());
        }
        assertEquals(List.of("قال الوزير إن الاقتصاد ينمو."), sentToEngine());
        assertEquals(4, doc.stats().sentences());
    }

    @Test
    void eachParagraphReportsItsLanguageAndPersianOrUrduSentencesAreFlaggedNotArabic() {
        String article = "قال الوزير إن المحادثات ستستمر الأسبوع المقبل في موسكو.\n"
                + "رئیس جمهور گفت که گفتگوها هفته آینده ادامه پیدا می‌کند.\n"
                + "وزیر اعظم نے کہا کہ حکومت سیلاب سے متاثرہ لوگوں کی مدد کرے گی۔\n"
                + "The minister said the talks would continue next week.\n"
                + "12:30 - 2024";
        TranslatedDocument doc = service.translate(article, OPTS);
        assertEquals(List.of("ar", "fa", "ur", "en", "und"),
                doc.paragraphs().stream().map(TranslatedParagraph::sourceLanguage).toList());
        assertFalse(doc.paragraphs().get(0).sentences().get(0).review().has(ReasonCode.NOT_ARABIC));
        TranslatedSentence persian = doc.paragraphs().get(1).sentences().get(0);
        assertTrue(persian.review().has(ReasonCode.NOT_ARABIC));
        assertTrue(persian.review().reasons().stream().anyMatch(r -> r.message().contains("Persian")));
        assertTrue(doc.paragraphs().get(2).sentences().get(0).review().has(ReasonCode.NOT_ARABIC));
        TranslatedSentence english = doc.paragraphs().get(3).sentences().get(0);
        assertTrue(english.passthrough());
        assertFalse(english.needsReview(), "a copied sentence has nothing to review");
    }
}
