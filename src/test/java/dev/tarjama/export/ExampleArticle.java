package dev.tarjama.export;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture: the example article as an aligned document, built from the committed test data
 * without the model. Paragraphs are the seed text's non-empty lines; sentences are {@code train.ar}
 * lines 1–24 located in order in the text (offsets via {@code indexOf} from the running position);
 * translations are {@code train.en} lines 1–24; sentence {@code i} (0-based, document-wide) scores
 * {@code -0.1 × (i + 1)} and is marked cached when {@code i % 5 == 0}.
 */
final class ExampleArticle {
    static final Path RESOURCES = Path.of("src", "test", "resources");
    static final Path SEED = RESOURCES.resolve("seed/000_3043c1e1a094a635.txt");
    static final int SENTENCES = 24;

    /** The fixed context used by golden files. */
    static final ExportContext CONTEXT =
            new ExportContext(null, Instant.parse("2026-01-15T09:30:00Z"), "Tarjama", "1.0-test");

    private ExampleArticle() {}

    static String text() {
        return read(SEED);
    }

    static TranslatedDocument document() {
        String text = text();
        List<String> ar = lines(RESOURCES.resolve("parallel/train.ar")).subList(0, SENTENCES);
        List<String> en = lines(RESOURCES.resolve("parallel/train.en")).subList(0, SENTENCES);

        List<TranslatedSentence> sentences = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < SENTENCES; i++) {
            int start = text.indexOf(ar.get(i), from);
            if (start < 0) {
                throw new IllegalStateException("train.ar line " + (i + 1) + " not found after offset " + from);
            }
            int end = start + ar.get(i).length();
            sentences.add(new TranslatedSentence(i, start, end, ar.get(i), en.get(i), -0.1 * (i + 1), i % 5 == 0, false));
            from = end;
        }

        List<TranslatedParagraph> paragraphs = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? text.length() : nl;
            if (lineEnd > lineStart) {
                int s = lineStart;
                int e = lineEnd;
                List<TranslatedSentence> inside = sentences.stream()
                        .filter(t -> t.start() >= s && t.end() <= e)
                        .toList();
                String translation = String.join(" ", inside.stream().map(TranslatedSentence::translation).toList());
                paragraphs.add(new TranslatedParagraph(
                        paragraphs.size(), s, e, text.substring(s, e), translation, inside));
            }
            if (nl < 0) {
                break;
            }
            lineStart = nl + 1;
        }
        int placed = paragraphs.stream().mapToInt(p -> p.sentences().size()).sum();
        if (placed != SENTENCES) {
            throw new IllegalStateException("only " + placed + " sentences fall inside a paragraph");
        }
        return new TranslatedDocument(new TranslatedDocument.ModelRef("tiny-ar-en", "test"), paragraphs,
                new TranslatedDocument.DocumentStats(SENTENCES, 5, 0));
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path path) {
        return read(path).lines().toList();
    }
}
