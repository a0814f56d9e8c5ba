package dev.tarjama.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewAssessorTest {
    private static final String SOURCE = "قال لافروف إن المحادثات كانت بناءة.";
    private static final String GOOD = "Lavrov said the talks were constructive.";

    private final ReviewAssessor assessor = new ReviewAssessor(ReviewPolicy.defaults());

    private Review assess(String source, String translation, double score) {
        return assessor.assess(ReviewInput.of(source, translation, score, false));
    }

    private static Reason only(Review r, ReasonCode code) {
        List<Reason> matching = r.reasons().stream().filter(x -> x.code() == code).toList();
        assertEquals(1, matching.size(), () -> code + " in " + r.reasons());
        return matching.get(0);
    }

    @Test
    void aGoodPairNeedsNoReview() {
        Review r = assess(SOURCE, GOOD, -0.001);
        assertFalse(r.needed());
        assertTrue(r.reasons().isEmpty());
    }

    @Test
    void lowScoreIsLowConfidenceWithTheScoreInTheMessage() {
        Reason reason = only(assess(SOURCE, GOOD, -0.3851), ReasonCode.LOW_CONFIDENCE);
        assertEquals("low_confidence", reason.codeId());
        assertTrue(reason.message().contains("-0.3851"), reason.message());
        assertFalse(assess(SOURCE, GOOD, Double.NaN).needed(), "an unknown score is not judged");
    }

    @Test
    void tooShortOrTooLongTranslationIsLengthRatio() {
        assertTrue(assess(SOURCE, "Lavrov.", -0.001).has(ReasonCode.LENGTH_RATIO));
        String longer = GOOD + " The minister said many other things about the weather in Moscow and elsewhere in the world today.";
        Reason reason = only(assess(SOURCE, longer, -0.001), ReasonCode.LENGTH_RATIO);
        assertTrue(reason.message().contains("ratio"), reason.message());
    }

    @Test
    void tashkeelDoesNotCountTowardsSourceLength() {
        String vocalized = "قَالَ لَافْرُوفُ إِنَّ المُحَادَثَاتِ كَانَتْ بَنَّاءَةً.";
        assertEquals(ReviewAssessor.visibleLength(SOURCE), ReviewAssessor.visibleLength(vocalized));
    }

    @Test
    void degenerateOutputsAreRepetition() {
        Reason chars = only(assess(SOURCE, "The minister wasttttoricoricoric cho.", -0.001), ReasonCode.REPETITION);
        assertTrue(chars.items().contains("tttt"), chars.items().toString());
        assertTrue(chars.items().contains("oricoricoric"), chars.items().toString());
        Reason word = only(assess(SOURCE, "The partn Foreign Ministry and, 2024 2024 2024", -0.001), ReasonCode.REPETITION);
        assertTrue(word.items().contains("2024 2024 2024"), word.items().toString());
        Reason trigram = only(assess("لافروف قال إن التعاون مهم وإن التعاون العسكري مهم جداً للبلدين.",
                "Lavrov said cooperation is important and Lavrov said cooperation matters.", -0.001), ReasonCode.REPETITION);
        assertTrue(trigram.items().contains("lavrov said cooperation"), trigram.items().toString());
        assertTrue(assess(SOURCE, "The agreement,,,,,,,,, that did not happen.", -0.001).has(ReasonCode.REPETITION));
    }

    @Test
    void functionWordTrigramsMayRepeat() {
        assertTrue(Repetition.find("One of the ministers met one of the generals as well as the press.", 4).isEmpty());
    }

    @Test
    void longNumbersAndEllipsesAreNotRepetition() {
        assertFalse(assess("بلغ عدد السكان 1000000 نسمة...", "The population reached 1000000 people...", -0.001).needed());
    }

    @Test
    void arabicLeftInTheEnglishIsReportedUnlessKept() {
        Reason reason = only(assess(SOURCE, "Lavrov said the talks were بناءة.", -0.001), ReasonCode.UNTRANSLATED_ARABIC);
        assertEquals(List.of("بناءة"), reason.items());
        Review kept = assessor.assess(new ReviewInput("زار عاجل موسكو.", "عاجل visited Moscow.", -0.001, false, List.of(), List.of("عاجل")));
        assertFalse(kept.has(ReasonCode.UNTRANSLATED_ARABIC), kept.reasons().toString());
    }

    @Test
    void differentNumbersAreNumberMismatchNamingThem() {
        Reason reason = only(assess("تم توقيع الاتفاقية في ٢٠ يونيو ٢٠٢٤.", "The agreement was signed on June 20, 2023.", -0.001),
                ReasonCode.NUMBER_MISMATCH);
        assertEquals(List.of("٢٠٢٤", "2023"), reason.items());
        assertTrue(reason.message().contains("٢٠٢٤") && reason.message().contains("2023"), reason.message());
    }

    @Test
    void lostGlossaryTermIsReported() {
        Review r = assessor.assess(new ReviewInput(SOURCE, "He said the talks were constructive.", -0.001, false,
                List.of("لافروف → Lavrov"), List.of()));
        Reason reason = only(r, ReasonCode.GLOSSARY_TERM_MISSING);
        assertEquals(List.of("لافروف → Lavrov"), reason.items());
    }

    @Test
    void glossaryRestorationFeedsTheReview() {
        dev.tarjama.glossary.GlossaryMasker masker = new dev.tarjama.glossary.GlossaryMasker(new dev.tarjama.glossary.Glossary("g",
                List.of(new dev.tarjama.glossary.GlossaryEntry("لافروف", "Lavrov"), dev.tarjama.glossary.GlossaryEntry.doNotTranslate("عاجل"))));
        String source = "قال لافروف لتطبيق عاجل إن المحادثات كانت بناءة.";
        var restored = masker.translate(source, masked -> "He told the 7002 app the talks were constructive.");
        Review r = assessor.assess(ReviewInput.of(source, restored, -0.001, false));
        assertEquals(List.of(ReasonCode.GLOSSARY_TERM_MISSING), r.reasons().stream().map(Reason::code).toList(), r.reasons().toString());
        assertEquals(List.of("لافروف → Lavrov"), r.reasons().get(0).items());
    }

    @Test
    void splitSentenceIsReported() {
        Review r = assessor.assess(ReviewInput.of(SOURCE, GOOD, -0.001, true));
        assertEquals(List.of(ReasonCode.SPLIT_FOR_LENGTH), r.reasons().stream().map(Reason::code).toList());
    }

    @Test
    void severalReasonsAreAllListed() {
        Review r = assess(SOURCE, "The minister wasttttoricoricoric cho 2025.", -0.3851);
        assertTrue(r.has(ReasonCode.LOW_CONFIDENCE));
        assertTrue(r.has(ReasonCode.REPETITION));
        assertTrue(r.has(ReasonCode.NUMBER_MISMATCH));
        assertTrue(r.needed());
    }

    @Test
    void gsonWritesTheStableCodes() {
        Review r = assessor.assess(ReviewInput.of(SOURCE, GOOD, -0.001, true));
        assertEquals("{\"needed\":true,\"reasons\":[{\"code\":\"split_for_length\",\"message\":"
                + "\"the sentence was over the token budget and was translated in pieces\",\"items\":[]}]}",
                new com.google.gson.Gson().toJson(r));
    }

    @Test
    void reasonCodesAreStable() {
        assertEquals(List.of("low_confidence", "length_ratio", "repetition", "untranslated_arabic", "number_mismatch",
                "glossary_term_missing", "split_for_length", "not_arabic", "markup_moved"),
                java.util.Arrays.stream(ReasonCode.values()).map(ReasonCode::id).toList());
    }

    @Test
    void inconsistentReviewAndBadPolicyAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Review(true, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ReviewPolicy(0.5, 0.5, 2.5, 10, 4));
        assertThrows(IllegalArgumentException.class, () -> new ReviewPolicy(-0.1, 3, 2.5, 10, 4));
    }
}
