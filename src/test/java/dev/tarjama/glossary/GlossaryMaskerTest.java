package dev.tarjama.glossary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Masking, restoring and reporting, with fake translation functions standing in for the model. */
class GlossaryMaskerTest {
    private static final GlossaryMasker MASKER = new GlossaryMasker(new Glossary("news", List.of(
            new GlossaryEntry("لافروف", "Lavrov"),
            new GlossaryEntry("موسكو", "Moscow"),
            new GlossaryEntry("بيونغ يانغ", "Pyongyang"),
            GlossaryEntry.doNotTranslate("عاجل"))));

    private static final String SENTENCE = "أوضح لافروف أن العلاقات بين موسكو وبيونغ يانغ قوية.";

    @Test
    void termsBecomeDigitPlaceholdersAndComeBackAsTheGlossaryEnglish() {
        MaskedSentence masked = MASKER.mask(SENTENCE);
        assertEquals("أوضح 7001 أن العلاقات بين 7002 و7003 قوية.", masked.text());
        RestoredTranslation r = MASKER.restore(masked, "7001 explained that relations between 7002 and 7003 are strong.");
        assertEquals("Lavrov explained that relations between Moscow and Pyongyang are strong.", r.text());
        assertTrue(r.complete());
        assertTrue(r.removedFragments().isEmpty());
    }

    @Test
    void placeholdersSkipDigitStringsOfTheSource() {
        MaskedSentence masked = MASKER.mask("زار لافروف موسكو عام 7001 و٧٠٠٢.");
        assertEquals(List.of("7003", "7004"), masked.placeholders().stream().map(MaskedSentence.Placeholder::token).toList());
        RestoredTranslation r = MASKER.restore(masked, "7003 visited 7004 in 7001 and 7002.");
        assertEquals("Lavrov visited Moscow in 7001 and 7002.", r.text());
    }

    @Test
    void aPlaceholderThatDoesNotComeBackIsReportedNeverSilentlyLost() {
        RestoredTranslation r = MASKER.translate(SENTENCE, masked -> "He explained that relations between 7002 and 7003 are strong.");
        assertEquals(List.of("لافروف → Lavrov"), r.missingDescriptions());
        assertEquals("He explained that relations between Moscow and Pyongyang are strong.", r.text());
        assertFalse(r.complete());
    }

    @Test
    void brokenPlaceholderFragmentsAreRemovedAndListed() {
        RestoredTranslation r = MASKER.translate(SENTENCE, masked -> "700 explained relations between 7002 and 70031 are strong.");
        assertEquals(List.of("لافروف → Lavrov", "بيونغ يانغ → Pyongyang"), r.missingDescriptions());
        assertEquals(List.of("700", "70031"), r.removedFragments());
        assertEquals("explained relations between Moscow and are strong.", r.text());
        assertFalse(r.text().matches(".*\\d.*"), "no placeholder digits left");
    }

    @Test
    void realNumbersOfTheSourceAreNeverTakenForFragments() {
        RestoredTranslation r = MASKER.translate("زار لافروف 700 قرية.", masked -> "He visited 700 villages.");
        assertEquals("He visited 700 villages.", r.text());
        assertEquals(List.of("لافروف → Lavrov"), r.missingDescriptions());
        assertTrue(r.removedFragments().isEmpty());
    }

    @Test
    void regroupedOrArabicIndicPlaceholdersStillCount() {
        MaskedSentence masked = MASKER.mask("وصل لافروف إلى موسكو");
        assertEquals("Lavrov arrived in Moscow", MASKER.restore(masked, "7,001 arrived in ٧٠٠٢").text());
        assertTrue(MASKER.restore(masked, "7.001 arrived in 7002").complete());
        assertFalse(MASKER.restore(masked, "7001.5 arrived in 7002").complete(), "a decimal is not the placeholder");
    }

    @Test
    void aDuplicatedPlaceholderIsRestoredEverywhere() {
        RestoredTranslation r = MASKER.translate("قال لافروف", masked -> "7001 said 7001");
        assertEquals("Lavrov said Lavrov", r.text());
        assertTrue(r.complete());
    }

    @Test
    void doNotTranslateTermsKeepTheSourceSurfaceAndAreAllowedArabic() {
        MaskedSentence masked = MASKER.mask("تم نشر هذا المقال بواسطة تطبيق عاجِل");
        assertEquals("تم نشر هذا المقال بواسطة تطبيق 7001", masked.text());
        RestoredTranslation r = MASKER.restore(masked, "This article was published by the 7001 app");
        assertEquals("This article was published by the عاجِل app", r.text());
        assertEquals(List.of("عاجِل"), r.keptArabic());
    }

    @Test
    void aSentenceWithoutTermsPassesThroughUntouched() {
        MaskedSentence masked = MASKER.mask("قال الوزير إن المحادثات بناءة.");
        assertEquals(masked.original(), masked.text());
        RestoredTranslation r = MASKER.restore(masked, "The minister said 7001 things.");
        assertEquals("The minister said 7001 things.", r.text());
        assertTrue(r.complete());
    }
}
