package dev.tarjama.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SegmenterProperties {
    private final Segmenter segmenter = new Segmenter();

    @Provide
    Arbitrary<String> texts() {
        return TextArbitraries.anyText();
    }

    @Property(tries = 1500)
    void sentencesAndWhitespaceGapsRebuildTheInputExactly(@ForAll("texts") String text) {
        List<Paragraph> paragraphs = segmenter.segment(text);
        StringBuilder rebuilt = new StringBuilder();
        int previousEnd = 0;
        for (Paragraph p : paragraphs) {
            for (Sentence s : p.sentences()) {
                assertTrue(s.start() >= previousEnd, "sentences ordered and non-overlapping");
                assertTrue(TextArbitraries.isBlank(text, previousEnd, s.start()), "gap is whitespace only");
                rebuilt.append(text, previousEnd, s.start()).append(s.text(text));
                previousEnd = s.end();
            }
        }
        assertTrue(TextArbitraries.isBlank(text, previousEnd, text.length()), "tail is whitespace only");
        rebuilt.append(text, previousEnd, text.length());
        assertEquals(text, rebuilt.toString());
    }

    @Property(tries = 1500)
    void paragraphsAndSentencesAreTrimmedOrderedAndInsideTheirBounds(@ForAll("texts") String text) {
        List<Paragraph> paragraphs = segmenter.segment(text);
        int previousEnd = 0;
        for (int i = 0; i < paragraphs.size(); i++) {
            Paragraph p = paragraphs.get(i);
            assertEquals(i, p.index());
            assertTrue(p.start() >= previousEnd && p.end() <= text.length());
            assertTrimmed(text, p.start(), p.end());
            String paragraphText = p.text(text);
            assertFalse(paragraphText.contains("\n") || paragraphText.contains("\r"), "a paragraph is one line");
            int sentenceEnd = p.start();
            for (int j = 0; j < p.sentences().size(); j++) {
                Sentence s = p.sentences().get(j);
                assertEquals(j, s.index());
                assertTrue(s.start() >= sentenceEnd && s.end() <= p.end() && s.start() < s.end());
                assertTrimmed(text, s.start(), s.end());
                assertFalse(SourceNormalizer.normalize(s.text(text)).isEmpty(), "a sentence has something to translate");
                sentenceEnd = s.end();
            }
            assertEquals(p.start(), p.sentences().get(0).start());
            assertEquals(p.end(), p.sentences().get(p.sentences().size() - 1).end());
            previousEnd = p.end();
        }
    }

    @Property(tries = 1000)
    void everyLineWithSomethingToTranslateIsExactlyOneParagraph(@ForAll("texts") String text) {
        List<String> expected = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (!SourceNormalizer.normalize(line).isEmpty()) {
                expected.add(SourceNormalizer.normalize(line));
            }
        }
        List<String> actual = segmenter.segment(text).stream().map(p -> SourceNormalizer.normalize(p.text(text))).toList();
        assertEquals(expected, actual);
    }

    @Property(tries = 1000)
    void lineEndStyleDoesNotChangeTheSentences(@ForAll("texts") String text) {
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        List<String> expected = sentenceTexts(lf);
        assertEquals(expected, sentenceTexts(lf.replace("\n", "\r\n")));
        assertEquals(expected, sentenceTexts(lf.replace('\n', '\r')));
    }

    private List<String> sentenceTexts(String text) {
        return segmenter.segment(text).stream().flatMap(p -> p.sentences().stream()).map(s -> s.text(text)).toList();
    }

    static void assertTrimmed(String text, int start, int end) {
        assertFalse(TextArbitraries.cutsSurrogatePair(text, start) || TextArbitraries.cutsSurrogatePair(text, end),
                "span cuts a surrogate pair");
        assertFalse(Chars.isBlank(text.codePointAt(start)), "leading whitespace");
        assertFalse(Chars.isBlank(text.codePointBefore(end)), "trailing whitespace");
    }
}
