package dev.tarjama.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SentenceSplitterProperties {
    private final SentenceSplitter splitter = new SentenceSplitter();

    @Provide
    Arbitrary<String> texts() {
        return TextArbitraries.anyText();
    }

    @Property(tries = 1500)
    void sentencesOfAnyRangeAreTrimmedAndCoverEveryNonBlankCharacter(
            @ForAll("texts") String text, @ForAll @IntRange(max = 200) int a, @ForAll @IntRange(max = 200) int b) {
        int start = Math.min(Math.min(a, b), text.length());
        int end = Math.min(Math.max(a, b), text.length());
        List<Span> spans = splitter.split(text, start, end);
        int previousEnd = start;
        StringBuilder rebuilt = new StringBuilder();
        for (Span span : spans) {
            assertTrue(span.start() >= previousEnd && span.end() <= end && !span.isEmpty());
            assertTrue(TextArbitraries.isBlank(text, previousEnd, span.start()), "gap is whitespace only");
            if (!TextArbitraries.cutsSurrogatePair(text, start) && !TextArbitraries.cutsSurrogatePair(text, end)) {
                SegmenterProperties.assertTrimmed(text, span.start(), span.end());
            }
            rebuilt.append(text, previousEnd, span.end());
            previousEnd = span.end();
        }
        assertTrue(TextArbitraries.isBlank(text, previousEnd, end), "tail is whitespace only");
        rebuilt.append(text, previousEnd, end);
        assertEquals(text.substring(start, end), rebuilt.toString());
    }

    @Property(tries = 500)
    void splittingASentenceAgainGivesTheSameSentence(@ForAll("texts") String text) {
        for (Span span : splitter.split(text, 0, text.length())) {
            assertEquals(List.of(span), splitter.split(text, span.start(), span.end()), span.of(text));
        }
    }
}
