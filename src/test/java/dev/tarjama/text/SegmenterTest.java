package dev.tarjama.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {
    private final Segmenter segmenter = new Segmenter();

    private List<String> paragraphs(String text) {
        return segmenter.segment(text).stream().map(p -> p.text(text)).toList();
    }

    @Test
    void everyNonBlankLineIsAParagraphWhateverTheLineEnd() {
        assertEquals(List.of("أ", "ب", "ج", "د"), paragraphs("أ\nب\r\nج\rد"));
        assertEquals(List.of("أ", "ب"), paragraphs("\n\n أ \r\n\r\n\t\r\n\rب\n"));
    }

    @Test
    void blankLinesMadeOfInvisibleCharactersAreNotParagraphs() {
        assertEquals(List.of("خبر"), paragraphs("\uFEFF\u200F \u00A0\n\u200B\u200E\n  خبر\u200F  \n\u3000"));
    }

    @Test
    void paragraphAndSentenceOffsetsSliceTheOriginalText() {
        String text = "\uFEFFعاجل: زلزال\r\n\r\n  قال الوزير. ثم غادر.  \r\n";
        List<Paragraph> paragraphs = segmenter.segment(text);
        assertEquals(2, paragraphs.size());
        Paragraph headline = paragraphs.get(0);
        assertEquals(new Paragraph(0, 1, 12, List.of(new Sentence(0, 1, 12))), headline);
        Paragraph body = paragraphs.get(1);
        assertEquals(1, body.index());
        assertEquals("قال الوزير. ثم غادر.", body.text(text));
        assertEquals(List.of("قال الوزير.", "ثم غادر."), body.sentences().stream().map(s -> s.text(text)).toList());
        assertEquals(List.of(0, 1), body.sentences().stream().map(Sentence::index).toList());
    }

    @Test
    void blankTextHasNoParagraphs() {
        assertEquals(List.of(), segmenter.segment(""));
        assertEquals(List.of(), segmenter.segment(" \r\n\t\n\u00A0\r"));
    }

    @Test
    void rejectsNull() {
        assertThrows(NullPointerException.class, () -> segmenter.segment(null));
    }

    @Test
    void recordsRejectInvalidOffsets() {
        assertThrows(IllegalArgumentException.class, () -> new Span(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Span(3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> new Span(0, 4).of("abc"));
        assertEquals("bc", new Span(1, 3).of("abc"));
        assertThrows(IllegalArgumentException.class, () -> new Sentence(0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Sentence(-1, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new Paragraph(0, 0, 5, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Paragraph(0, 0, 5, List.of(new Sentence(0, 0, 6))));
        assertThrows(IllegalArgumentException.class, () -> new Paragraph(0, 0, 5, List.of(new Sentence(1, 0, 2))));
        assertThrows(IllegalArgumentException.class,
                () -> new Paragraph(0, 0, 5, List.of(new Sentence(0, 0, 3), new Sentence(1, 2, 4))));
    }
}
