package dev.tarjama.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.generation.Generator;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.MarianModel;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.testutil.Golden;
import dev.tarjama.tokenizer.Vocab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's definitions, on the tiny model (no timing is asserted). */
class GenerationBenchTest {
    @TempDir
    Path dir;

    @Test
    void everyModeGeneratesExactlyThirtyTwoTokensPerSequence() throws Exception {
        DjlRuntime.configure(1);
        try (MarianModel model = MarianModel.load(ModelDirectory.open(Golden.TINY_MODEL))) {
            GenerationBench bench = new GenerationBench(new Generator(model));
            for (String mode : new String[] {"greedy", "beam4"}) {
                // measure() throws unless every sequence is decoder start + 32 new tokens
                GenerationBench.Result r = bench.measure(mode, 3, 2, 0, 1);
                assertEquals(mode, r.mode());
                assertEquals(3, r.batch());
                assertEquals(2, r.workers());
                assertTrue(r.tokensPerSecond() > 0 && r.runMs().size() == 1);
            }
        }
    }

    @Test
    void benchVocabularyKeepsSmallPiecesAndEndsWithPad() throws IOException {
        Path file = dir.resolve("vocab.json");
        Files.writeString(file, BenchModel.vocabJson(Golden.TINY_MODEL.resolve("vocab.json")));
        Vocab vocab = Vocab.load(file);
        Vocab small = Vocab.load(Golden.TINY_MODEL.resolve("vocab.json"));
        assertEquals(BenchModel.VOCAB, vocab.size());
        assertEquals(BenchModel.PAD, vocab.id("<pad>"));
        for (int id = 0; id < small.size() - 1; id++) {
            assertEquals(small.piece(id), vocab.piece(id));
        }
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2.0, GenerationBench.median(new double[] {3, 1, 2}));
        assertEquals(2.5, GenerationBench.median(new double[] {4, 1, 3, 2}));
    }
}
