package dev.tarjama.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {
    private final LanguageIdentifier id = LanguageIdentifier.shared();

    @Test
    void everyArabicFixtureSentenceIsArabicWithAndWithoutTheFastPath() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/parallel/train.ar"), StandardCharsets.UTF_8)) {
            LanguageIdentifier.Detection d = id.detect(line);
            LanguageIdentifier.Detection lingua = id.rank(line).get(0); // Lingua itself, without the fast path
            if (!d.language().equals("ar") || !lingua.language().equals("ar")) {
                wrong.add(d + " " + lingua + " " + line);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void persianAndUrduInArabicScriptAreToldApartFromArabic() {
        assertEquals("fa", id.detect("امروز هوا در تهران بسیار سرد است و مردم ترجیح می‌دهند در خانه بمانند.").language());
        assertEquals("fa", id.detect("رئیس جمهور گفت که گفتگوها هفته آینده ادامه پیدا می‌کند.").language());
        assertEquals("ur", id.detect("وزیر اعظم نے کہا کہ حکومت سیلاب سے متاثرہ لوگوں کی مدد کرے گی۔").language());
        assertEquals("ur", id.detect("پاکستان کی ٹیم نے آج کا میچ جیت لیا ہے۔").language());
    }

    @Test
    void englishAndFrenchQuotesAreRecognized() {
        assertEquals("en", id.detect("The minister said the talks would continue next week.").language());
        assertEquals("fr", id.detect("Le ministre a déclaré que les négociations reprendraient la semaine prochaine.").language());
    }

    @Test
    void textWithoutLettersIsUndetermined() {
        LanguageIdentifier.Detection d = id.detect("2024 - 3.5% | 12:30");
        assertEquals(LanguageIdentifier.UNDETERMINED, d.language());
        assertEquals(0.0, d.confidence());
    }

    @Test
    void rankingListsCandidatesMostLikelyFirstWithConfidencesThatSumToAtMostOne() {
        List<LanguageIdentifier.Detection> ranked = id.rank("قال الوزير إن المحادثات ستستمر الأسبوع المقبل.");
        assertEquals("ar", ranked.get(0).language());
        double sum = 0;
        for (int i = 0; i < ranked.size(); i++) {
            sum += ranked.get(i).confidence();
            if (i > 0) {
                assertTrue(ranked.get(i - 1).confidence() >= ranked.get(i).confidence());
            }
        }
        assertTrue(sum <= 1.0 + 1e-9, "sum " + sum);
    }

    @Test
    void plainArabicIsToldWithoutLinguaButMixedOrPersianLetteredTextIsNot() {
        assertTrue(LanguageIdentifier.plainArabic("قال الوزير إن المحادثات ستستمر في موسكو عام 2024."));
        assertTrue(LanguageIdentifier.plainArabic("أعلنت شركة Google عن هاتف جديد."));
        assertFalse(LanguageIdentifier.plainArabic("رئیس جمهور گفت"), "Persian yeh and gaf");
        assertFalse(LanguageIdentifier.plainArabic("The minister said قال today in Moscow."), "mostly Latin letters");
        assertFalse(LanguageIdentifier.plainArabic("2024"), "no letters");
        assertEquals(new LanguageIdentifier.Detection("ar", 1.0), id.detect("قال الوزير إن المحادثات ستستمر."));
    }
}
