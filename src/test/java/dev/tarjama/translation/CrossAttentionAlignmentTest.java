package dev.tarjama.translation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.generation.GenerationOptions;
import dev.tarjama.generation.SearchStrategy;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.testutil.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decoder's cross-attention read back for a chosen translation, on the tiny model. */
class CrossAttentionAlignmentTest {
    private static MarianTranslator translator;

    @BeforeAll
    static void load() {
        DjlRuntime.configure(1);
        translator = MarianTranslator.load(ModelDirectory.open(Golden.TINY_MODEL));
    }

    @AfterAll
    static void close() {
        translator.close();
    }

    @Test
    void everyTargetPieceHasAProbabilityRowOverTheSourcePieces() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/parallel/train.ar"), StandardCharsets.UTF_8);
        GenerationOptions greedy = translator.defaultOptions().withStrategy(new SearchStrategy.Greedy());
        for (String line : lines.subList(20, 30)) {
            String translation = translator.translate(List.of(line), greedy).get(0).best().text();
            TokenAlignment a = translator.align(line, translation);
            assertEquals(translator.tokenCount(line) - 1, a.sourcePieces().size());
            assertEquals(String.join("", a.targetPieces()).replace('▁', ' ').strip(), translation.replace(" ", " ").strip()
                    .replaceAll("\\s+", " "), "pieces spell the translation");
            for (float[] row : a.weights()) {
                double sum = 0;
                for (float w : row) {
                    assertTrue(w >= 0);
                    sum += w;
                }
                // </s> is left out of the columns, so a row holds at most all of the mass
                assertTrue(sum <= 1.0001 && sum > 0.05, "row mass " + sum);
            }
        }
    }

    @Test
    void aTargetPiecesAttentionDoesNotDependOnTheTokensAfterIt() {
        String source = "قال الوزير إن المحادثات ستستمر.";
        TokenAlignment whole = translator.align(source, "The minister said that the talks would continue.");
        TokenAlignment prefix = translator.align(source, "The minister said");
        for (int t = 0; t < prefix.targetPieces().size(); t++) {
            assertEquals(whole.targetPieces().get(t), prefix.targetPieces().get(t));
            float[] a = whole.weights()[t];
            float[] b = prefix.weights()[t];
            for (int s = 0; s < a.length; s++) {
                assertEquals(a[s], b[s], 1e-5f, "piece " + t + " source " + s);
            }
        }
    }

    @Test
    void aligningDoesNotChangeWhatIsGenerated() {
        List<String> sentences = List.of("شكراً لكم.", "قال الوزير إن المحادثات ستستمر.");
        GenerationOptions beam = translator.defaultOptions();
        List<MarianTranslator.Result> before = translator.translate(sentences, beam);
        translator.align(sentences.get(0), before.get(0).best().text());
        List<MarianTranslator.Result> after = translator.translate(sentences, beam);
        for (int i = 0; i < sentences.size(); i++) {
            assertArrayEquals(before.get(i).best().ids(), after.get(i).best().ids());
            assertEquals(before.get(i).best().score(), after.get(i).best().score());
        }
    }
}
