package dev.tarjama.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits an article into paragraphs and sentences with UTF-16 offsets into the original text.
 *
 * <p>Every line that is not blank is a paragraph; lines end at {@code \n}, {@code \r\n} or {@code \r},
 * and blank lines only separate paragraphs. A paragraph's span excludes the line's leading and
 * trailing whitespace, and its sentences come from a {@link SentenceSplitter}. Everything outside the
 * sentences is whitespace, so the sentences and the gaps between them rebuild the input exactly.
 * Stateless and thread-safe.
 */
public final class Segmenter {
    private final SentenceSplitter splitter;

    /** A segmenter with the default {@link SentenceSplitter}. */
    public Segmenter() {
        this(new SentenceSplitter());
    }

    public Segmenter(SentenceSplitter splitter) {
        this.splitter = Objects.requireNonNull(splitter, "splitter");
    }

    /** The paragraphs of {@code text} in order; empty when the text is blank. */
    public List<Paragraph> segment(String text) {
        Objects.requireNonNull(text, "text");
        List<Paragraph> paragraphs = new ArrayList<>();
        int lineStart = 0;
        int n = text.length();
        while (lineStart <= n) {
            int lineEnd = lineStart;
            while (lineEnd < n && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            int start = Chars.skipBlank(text, lineStart, lineEnd);
            int end = Chars.trimEnd(text, start, lineEnd);
            if (end > start) {
                paragraphs.add(paragraph(paragraphs.size(), text, start, end));
            }
            if (lineEnd == n) {
                break;
            }
            lineStart = lineEnd + (text.charAt(lineEnd) == '\r' && lineEnd + 1 < n && text.charAt(lineEnd + 1) == '\n' ? 2 : 1);
        }
        return List.copyOf(paragraphs);
    }

    private Paragraph paragraph(int index, String text, int start, int end) {
        List<Span> spans = splitter.split(text, start, end);
        List<Sentence> sentences = new ArrayList<>(spans.size());
        for (Span span : spans) {
            sentences.add(new Sentence(sentences.size(), span.start(), span.end()));
        }
        return new Paragraph(index, start, end, sentences);
    }
}
