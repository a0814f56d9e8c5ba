package dev.tarjama.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchArticlesTest {
    private static final Path SEED = Path.of("src/test/resources/seed");

    @Test
    void theSeedArticleIsCutIntoShortMediumAndWholePieces() throws Exception {
        BenchArticles articles = BenchArticles.fromDirectory(SEED);
        // the seed article has 16 paragraphs: 15 runs of 2, 11 runs of 6, the whole
        assertEquals(15, articles.counts().get(BenchArticles.Kind.SHORT));
        assertEquals(11, articles.counts().get(BenchArticles.Kind.MEDIUM));
        assertEquals(1, articles.counts().get(BenchArticles.Kind.LONG));
        BenchArticles.Picker picker = articles.picker(1, 0);
        Set<BenchArticles.Kind> seen = EnumSet.noneOf(BenchArticles.Kind.class);
        for (int i = 0; i < 60; i++) {
            BenchArticles.Piece piece = picker.next();
            seen.add(piece.kind());
            long paragraphs = piece.text().lines().count();
            assertEquals(piece.kind() == BenchArticles.Kind.LONG ? 16 : piece.kind().paragraphs(), paragraphs);
        }
        assertEquals(EnumSet.allOf(BenchArticles.Kind.class), seen);
    }

    @Test
    void aClientsArticlesDependOnlyOnTheSeedAndTheClient() throws Exception {
        BenchArticles articles = BenchArticles.fromDirectory(SEED);
        assertEquals(draw(articles, 7, 2), draw(articles, 7, 2));
        assertNotEquals(draw(articles, 7, 2), draw(articles, 7, 3));
        assertNotEquals(draw(articles, 7, 2), draw(articles, 8, 2));
    }

    @Test
    void meanSentenceLengthCountsTheWholeArticlesSentences() {
        BenchArticles articles = BenchArticles.of(List.of("جملة أولى. جملة ثانية.\nفقرة ثالثة."));
        // three sentences (3, 3 and 9 tokens), each counted once although the 2-paragraph piece repeats them
        assertEquals(5, articles.meanSentenceTokens(s -> s.contains("ثالثة") ? 9 : 3), 1e-9);
    }

    private static List<String> draw(BenchArticles articles, long seed, int client) {
        BenchArticles.Picker picker = articles.picker(seed, client);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add(picker.next().text());
        }
        return texts;
    }
}
