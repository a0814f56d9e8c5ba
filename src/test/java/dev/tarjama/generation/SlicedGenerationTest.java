package dev.tarjama.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.MarianModel;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.testutil.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch split into slices decoded on several threads gives every sentence the hypothesis
 * transformers gives it alone, in input order: 25 training sentences (an uneven split: 8, 8, 9) against
 * their single-sentence goldens, greedy and beam 4, with 3 slices.
 */
class SlicedGenerationTest {
    @Test
    void slicedBatchesKeepInputOrderAndMatchTheSingleSentenceGoldens() {
        DjlRuntime.configure(1);
        try (MarianModel model = MarianModel.load(ModelDirectory.open(Golden.TINY_MODEL));
                Generator sliced = new Generator(model, 3)) {
            JsonArray entries = Golden.load("generate.json").getAsJsonArray("entries");
            List<int[]> sources = new ArrayList<>();
            List<JsonObject> goldens = new ArrayList<>();
            for (int i = 50; i < 75; i++) {
                JsonObject entry = entries.get(i).getAsJsonObject();
                sources.add(Golden.ints(entry.get("input_ids")));
                goldens.add(entry);
            }
            assertTrue(sources.size() >= 3 * Generator.MIN_ROWS_PER_SLICE, "greedy must split into 3 slices");
            GenerationOptions beam = GenerationOptions.defaults(model.config().generation());
            GenerationOptions greedy = beam.withStrategy(new SearchStrategy.Greedy());
            List<List<Hypothesis>> greedyOut = sliced.generate(sources, greedy);
            List<List<Hypothesis>> beamOut = sliced.generate(sources, beam);
            assertEquals(sources.size(), greedyOut.size());
            assertEquals(sources.size(), beamOut.size());
            for (int i = 0; i < sources.size(); i++) {
                JsonObject g = goldens.get(i);
                assertArrayEquals(Golden.ints(g.getAsJsonObject("greedy").get("sequence")), greedyOut.get(i).get(0).ids(),
                        "greedy ids of sentence " + (50 + i));
                assertArrayEquals(Golden.ints(g.getAsJsonObject("beam").get("sequence")), beamOut.get(i).get(0).ids(),
                        "beam ids of sentence " + (50 + i));
                double diff = Math.abs(beamOut.get(i).get(0).score() - g.getAsJsonObject("beam").get("sequences_score").getAsDouble());
                assertTrue(diff <= 1e-5, "beam score of sentence " + (50 + i) + " differs by " + diff);
            }
        }
    }

    @Test
    void refusesSliceCountsOutsideOneToSixtyFour() {
        assertThrows(IllegalArgumentException.class, () -> new Generator(null, 0));
        assertThrows(IllegalArgumentException.class, () -> new Generator(null, 65));
    }
}
