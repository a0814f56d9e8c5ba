package dev.tarjama.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToIntFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LongSentenceSplitterTest {
    /** Counts space-separated words of a normalized sentence. */
    static final ToIntFunction<String> WORDS = s -> s.isEmpty() ? 0 : s.split(" ").length;
    /** Counts code points of a normalized sentence. */
    static final ToIntFunction<String> CODE_POINTS = s -> s.codePointCount(0, s.length());

    private static List<String> pieces(ToIntFunction<String> counter, int budget, String text) {
        return new LongSentenceSplitter(counter, budget).split(text, new Span(0, text.length())).stream()
                .map(s -> s.of(text)).toList();
    }

    @Test
    void sentenceWithinBudgetIsReturnedWhole() {
        String text = "  قال الوزير، إن الاتفاق مهم.  ";
        Span sentence = new Span(0, text.length());
        assertEquals(List.of(sentence), new LongSentenceSplitter(WORDS, 6).split(text, sentence));
    }

    @Test
    void cutsAtArabicSemicolonBeforeComma() {
        assertEquals(List.of("أ ب، ج د؛", "هـ و، ز ح."), pieces(WORDS, 4, "أ ب، ج د؛ هـ و، ز ح."));
        assertEquals(List.of("one two, three;", "four, five six."), pieces(WORDS, 3, "one two, three; four, five six."));
    }

    @Test
    void cutsAtCommaThenColonKeepingThePunctuationOnTheLeft() {
        assertEquals(List.of("أ ب ج،", "د هـ و،", "ز ح."), pieces(WORDS, 3, "أ ب ج، د هـ و، ز ح."));
        assertEquals(List.of("أ ب ج:", "د هـ و"), pieces(WORDS, 3, "أ ب ج: د هـ و"));
    }

    @Test
    void mergesNeighbouringClausesWhileTheyFit() {
        assertEquals(List.of("أ، ب، ج،", "د، هـ"), pieces(WORDS, 3, "أ، ب، ج، د، هـ"));
    }

    @Test
    void fallsBackToWordBoundaries() {
        assertEquals(List.of("a b c", "d e f", "g"), pieces(WORDS, 3, "a b c d e f g"));
        assertEquals(List.of("a b,", "c d", "e f"), pieces(WORDS, 2, "a b, c d e f"));
    }

    @Test
    void doesNotCutInsideNumbersOrTimes() {
        assertEquals(List.of("1,000 10:30", "a b"), pieces(WORDS, 2, "1,000 10:30 a b"));
    }

    @Test
    void cutsAnOverlongWordBetweenCodePoints() {
        assertEquals(List.of("abc", "def", "g"), pieces(CODE_POINTS, 3, "abcdefg"));
        assertEquals(List.of("a😀", "😀b"), pieces(CODE_POINTS, 2, "a😀😀b"));
    }

    @Test
    void keepsTheOriginalWhitespaceBetweenPieces() {
        String text = "أ\u00A0ب \u200F ج\tد";
        List<Span> spans = new LongSentenceSplitter(WORDS, 2).split(text, new Span(0, text.length()));
        assertEquals(List.of(new Span(0, 3), new Span(6, 9)), spans);
    }

    @Test
    void emitsASingleCodePointEvenWhenItAloneExceedsTheBudget() {
        ToIntFunction<String> twoPerCodePoint = s -> 2 * s.codePointCount(0, s.length());
        assertEquals(List.of("a", "b"), pieces(twoPerCodePoint, 1, "ab"));
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> new LongSentenceSplitter(WORDS, 0));
        assertThrows(NullPointerException.class, () -> new LongSentenceSplitter(null, 5));
        LongSentenceSplitter splitter = new LongSentenceSplitter(WORDS, 5);
        assertThrows(IndexOutOfBoundsException.class, () -> splitter.split("abc", new Span(0, 4)));
        assertThrows(IllegalArgumentException.class, () -> splitter.split("abc", new Span(1, 1)));
    }

    @Provide
    Arbitrary<String> sentences() {
        return TextArbitraries.articles(200);
    }

    @Property(tries = 800)
    void piecesFitTheBudgetAndRebuildTheSentence(
            @ForAll("sentences") String text, @ForAll @IntRange(min = 1, max = 12) int budget, @ForAll boolean byWords) {
        ToIntFunction<String> counter = byWords ? WORDS : CODE_POINTS;
        Span sentence = new Span(0, text.length());
        Assume.that(!SourceNormalizer.normalize(text).isEmpty());
        List<Span> pieces = new LongSentenceSplitter(counter, budget).split(text, sentence);
        if (counter.applyAsInt(SourceNormalizer.normalize(text)) <= budget) {
            assertEquals(List.of(sentence), pieces);
            return;
        }
        int previousEnd = 0;
        for (Span piece : pieces) {
            assertTrue(piece.start() >= previousEnd && !piece.isEmpty());
            assertTrue(TextArbitraries.isBlank(text, previousEnd, piece.start()), "gap is whitespace only");
            SegmenterProperties.assertTrimmed(text, piece.start(), piece.end());
            assertTrue(counter.applyAsInt(SourceNormalizer.normalize(piece.of(text))) <= budget, piece.of(text));
            previousEnd = piece.end();
        }
        assertTrue(TextArbitraries.isBlank(text, previousEnd, text.length()), "tail is whitespace only");
    }
}
