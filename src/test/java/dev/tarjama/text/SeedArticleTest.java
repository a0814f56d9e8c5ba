package dev.tarjama.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeedArticleTest {
    static String resource(String name) throws IOException {
        try (InputStream in = SeedArticleTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> trainAr() throws IOException {
        return resource("parallel/train.ar").lines().toList();
    }

    @ParameterizedTest(name = "line end {0}")
    @ValueSource(strings = {"LF", "CRLF", "CR"})
    void seedArticleGivesSixteenParagraphsAndTheTwentyFourTrainingSentences(String lineEnd) throws IOException {
        String separator = switch (lineEnd) {
            case "CRLF" -> "\r\n";
            case "CR" -> "\r";
            default -> "\n";
        };
        String article = resource("seed/000_3043c1e1a094a635.txt").replace("\n", separator);
        List<Paragraph> paragraphs = new Segmenter().segment(article);

        assertEquals(16, paragraphs.size());
        List<String> sentences = new ArrayList<>();
        for (Paragraph p : paragraphs) {
            for (Sentence s : p.sentences()) {
                sentences.add(article.substring(s.start(), s.end()));
            }
        }
        assertEquals(trainAr().subList(0, 24), sentences);
    }
}
