package dev.tarjama.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs at the HTTP body limit (1 MiB) are handled in linear-ish time. */
class LargeInputTest {
    @Test
    void segmentsAMegabyteArticleQuickly() throws IOException {
        String article = SeedArticleTest.resource("seed/000_3043c1e1a094a635.txt") + "\r\n\r\n";
        String text = article.repeat((1 << 20) / article.length());
        List<Paragraph> paragraphs = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new Segmenter().segment(text));
        int copies = (1 << 20) / article.length();
        assertEquals(16 * copies, paragraphs.size());
        assertEquals(24 * copies, paragraphs.stream().mapToInt(p -> p.sentences().size()).sum());
    }

    @Test
    void segmentsPathologicalRunsQuickly() {
        for (String unit : List.of(".", "a.", "a. ", ". ", "؟ ", "\u200F", " ", "1.5 ", "www.x.com ")) {
            String text = unit.repeat(300_000 / unit.length());
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new Segmenter().segment(text), unit);
        }
    }

    @Test
    void splitsAHugeSentenceWithoutSpacesQuickly() {
        String text = "ب".repeat(200_000) + " " + "كلمة ".repeat(20_000).trim();
        LongSentenceSplitter splitter = new LongSentenceSplitter(LongSentenceSplitterTest.CODE_POINTS, 200);
        List<Span> pieces = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> splitter.split(text, new Span(0, text.length())));
        assertEquals(1000 + 20_000 * 5 / 200, pieces.size(), "200 code points per piece, words kept whole");
        assertTrue(pieces.stream().allMatch(p -> p.length() <= 200));
    }
}
