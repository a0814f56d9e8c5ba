package dev.tarjama.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SentenceSplitterTest {
    private final SentenceSplitter splitter = new SentenceSplitter();

    private List<String> sentences(String text) {
        return splitter.split(text, 0, text.length()).stream().map(s -> s.of(text)).toList();
    }

    private void assertOneSentence(String text) {
        assertEquals(List.of(text), sentences(text));
    }

    @Test
    void splitsAfterPeriodFollowedBySpace() {
        assertEquals(List.of("قال الوزير.", "ثم غادر."), sentences("قال الوزير. ثم غادر."));
    }

    @Test
    void splitsAfterArabicAndLatinQuestionAndExclamationMarks() {
        assertEquals(List.of("هل ستشارك روسيا؟", "لا أعرف!", "Really?", "Yes."),
                sentences("هل ستشارك روسيا؟ لا أعرف! Really? Yes."));
    }

    @Test
    void keepsRunsOfTerminatorsTogether() {
        assertEquals(List.of("ماذا؟!", "حقاً?!", "لا..."), sentences("ماذا؟! حقاً?! لا..."));
        assertEquals(List.of("وانتظر الجميع…", "ثم جاء الخبر."), sentences("وانتظر الجميع… ثم جاء الخبر."));
        assertEquals(List.of("وانتظر الجميع...", "ثم جاء الخبر."), sentences("وانتظر الجميع... ثم جاء الخبر."));
    }

    @Test
    void keepsClosingQuotesAndBracketsWithTheSentence() {
        assertEquals(List.of("قال: «انتهى الأمر.»", "ثم غادر."), sentences("قال: «انتهى الأمر.» ثم غادر."));
        assertEquals(List.of("(وهذا مؤكد.)", "وقال آخرون."), sentences("(وهذا مؤكد.) وقال آخرون."));
        assertEquals(List.of("He said \"no.\"", "Then left."), sentences("He said \"no.\" Then left."));
        assertEquals(List.of("[انتهى.]", "تم."), sentences("[انتهى.] تم."));
        assertEquals(List.of("قال “نعم.”", "وقالت ‘لا.’", "تم."), sentences("قال “نعم.” وقالت ‘لا.’ تم."));
    }

    @Test
    void neverSplitsOnArabicCommaOrSemicolon() {
        assertOneSentence("قال الوزير، وهو يبتسم، إن الأمر انتهى؛ ثم غادر القاعة.");
    }

    @Test
    void headlineWithoutFinalPunctuationIsOneSentence() {
        assertOneSentence("عاجل: زلزال بقوة ٥٫٨ درجات يضرب تركيا");
        assertEquals(List.of("قال الوزير.", "ردود الفعل الدولية"), sentences("قال الوزير. ردود الفعل الدولية"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"بلغت الميزانية 2.5 مليار دولار.", "بلغت الميزانية ٢٫٥ مليار دولار.",
            "قيمة باي هي 3.14 تقريباً.", "النسبة 0.75% فقط.", "النسبة ٠٫٧٥٪ فقط."})
    void neverSplitsInsideDecimals(String text) {
        assertOneSentence(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"اقرأ المزيد على موقعنا www.example.com", "التفاصيل على https://x.y/z.html لمن يريد.",
            "زوروا http://example.org/a.b?c=d.e!f لمعرفة المزيد.",
            "راسلونا على news.desk@example.co.uk للتصحيح.", "راسلونا على info@example.com."})
    void neverSplitsInsideUrlsOrEmailAddresses(String text) {
        assertOneSentence(text);
    }

    @Test
    void splitsAfterAUrlOrEmailThatEndsASentence() {
        assertEquals(List.of("زوروا www.example.com.", "وشكراً."), sentences("زوروا www.example.com. وشكراً."));
        assertEquals(List.of("راسلونا على info@example.com.", "شكراً."), sentences("راسلونا على info@example.com. شكراً."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"التقى د. أحمد زويل بالطلاب.", "التقى د.أحمد زويل بالطلاب.", "حاضر أ. محمد علي في الجامعة.",
            "افتتح م. خالد المشروع.", "The U.S. President met Mr. Smith and Dr. Jones.", "Fruit, e.g. apples, i.e. food.",
            "Apples, pears, etc. Were sold.", "It was Real Madrid vs. Barcelona.", "See No. 5 on the list.",
            "قال الرئيس الأمريكي جو بايدن إن U.S. Army مستعد.", "وقع ذلك عام 30 ق.م. في مصر.",
            "The book by J. K. Rowling sold well.", "كتب جيه. كيه. رولينغ الرواية."})
    void neverSplitsAfterAbbreviationsOrInitials(String text) {
        assertOneSentence(text);
    }

    @Test
    void eraMarkerAfterAYearEndsTheSentence() {
        assertEquals(List.of("تأسست الشركة عام 1990 م.", "وقال المدير إن..."),
                sentences("تأسست الشركة عام 1990 م. وقال المدير إن..."));
        assertEquals(List.of("توفي سنة 1420 هـ.", "ودفن في مكة."), sentences("توفي سنة 1420 هـ. ودفن في مكة."));
    }

    @Test
    void numberAtTheEndOfASentenceEndsIt() {
        assertEquals(List.of("تم توقيعها عام 2022.", "وقال الوزير."), sentences("تم توقيعها عام 2022. وقال الوزير."));
        assertEquals(List.of("بلغ العدد ١٥.", "ثم ارتفع."), sentences("بلغ العدد ١٥. ثم ارتفع."));
    }

    @Test
    void listNumberAtTheStartIsNotASentence() {
        assertOneSentence("1. البند الأول من الاتفاقية.");
        assertOneSentence("١. البند الأول من الاتفاقية.");
        assertOneSentence("أ. البند الأول من الاتفاقية.");
    }

    @Test
    void doesNotSplitBeforeLowercaseOrContinuingPunctuation() {
        assertOneSentence("He said no. and then he left.");
        assertOneSentence("وقال... ، ثم صمت.");
    }

    @Test
    void leadingEllipsisBelongsToTheSentenceItOpens() {
        assertEquals(List.of("... وقال الوزير إن الاتفاق مهم.", "ثم غادر."), sentences("... وقال الوزير إن الاتفاق مهم. ثم غادر."));
    }

    @Test
    void periodAfterASpaceStillEndsTheSentence() {
        assertEquals(List.of("قال الوزير .", "ثم غادر ."), sentences("قال الوزير . ثم غادر ."));
    }

    @Test
    void listNumbersInsideAParagraphStartTheirOwnSentences() {
        assertEquals(List.of("1. الأول.", "2. الثاني."), sentences("1. الأول. 2. الثاني."));
    }

    @Test
    void elisionInBracketsDoesNotSplit() {
        assertOneSentence("قال الوزير إن (...) الاتفاق مهم.");
        assertOneSentence("ووصف الهجوم بأنه دفاعي (!) وقال إنه لن يتكرر (؟) في المستقبل.");
    }

    @Test
    void sentenceSpansExcludeSurroundingWhitespaceAndUseAbsoluteOffsets() {
        String text = "xx \u00A0 أولاً.\t ثانياً.  \u200F yy";
        List<Span> spans = splitter.split(text, 2, text.length() - 3);
        assertEquals(List.of(new Span(5, 11), new Span(13, 20)), spans);
        assertEquals("أولاً.", spans.get(0).of(text));
        assertEquals("ثانياً.", spans.get(1).of(text));
    }

    @Test
    void blankRangeHasNoSentences() {
        assertEquals(List.of(), splitter.split(" \u00A0\t\u200B ", 0, 5));
        assertEquals(List.of(), splitter.split("abc", 1, 1));
    }

    @Test
    void rejectsRangesOutsideTheText() {
        assertThrows(IndexOutOfBoundsException.class, () -> splitter.split("abc", 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> splitter.split("abc", 2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> splitter.split("abc", -1, 1));
    }

    @Test
    void everyShortTrainingLineIsOneSentence() throws IOException {
        List<String> lines = SeedArticleTest.trainAr();
        assertEquals(84, lines.size());
        for (String line : lines.subList(24, 84)) {
            assertEquals(List.of(line), sentences(line), () -> "line: " + line);
        }
    }
}
