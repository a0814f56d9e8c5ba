package dev.tarjama.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * A beam batch larger than one scoring chunk ({@link BeamSearch#ROWS_PER_CHUNK} rows) gives every
 * sentence the same hypothesis transformers gives it alone: training sentences 25–44 (20 sentences,
 * 80 rows, three chunks) in one batch against their single-sentence goldens.
 */
class BeamBatchTest {
    @Test
    void sentencesInAMultiChunkBeamBatchMatchTheirSingleSentenceGoldens() {
        DjlRuntime.configure(1);
        try (MarianModel model = MarianModel.load(ModelDirectory.open(Golden.TINY_MODEL))) {
            JsonArray entries = Golden.load("generate.json").getAsJsonArray("entries");
            List<int[]> sources = new ArrayList<>();
            List<JsonObject> beams = new ArrayList<>();
            for (int i = 24; i < 44; i++) {
                JsonObject entry = entries.get(i).getAsJsonObject();
                sources.add(Golden.ints(entry.get("input_ids")));
                beams.add(entry.getAsJsonObject("beam"));
            }
            assertTrue(sources.size() * 4 > 2 * BeamSearch.ROWS_PER_CHUNK, "the batch must span several chunks");
            List<List<Hypothesis>> out = new Generator(model).generate(sources,
                    GenerationOptions.defaults(model.config().generation()));
            for (int i = 0; i < sources.size(); i++) {
                Hypothesis h = out.get(i).get(0);
                assertArrayEquals(Golden.ints(beams.get(i).get("sequence")), h.ids(), "beam ids of sentence " + (24 + i));
                double diff = Math.abs(h.score() - beams.get(i).get("sequences_score").getAsDouble());
                assertTrue(diff <= 1e-5, "beam score of sentence " + (24 + i) + " differs by " + diff);
            }
        }
    }
}
