package dev.tarjama.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tarjama.testutil.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The default policy against the fixture: the 84 memorized training pairs with their golden beam-4
 * scores pass, the tiny model's nonsense on off-training inputs is flagged (docs/review-calibration.md).
 */
class ReviewCalibrationTest {
    /** Tricky inputs on which the tiny model happens to output a correct translation. */
    private static final Set<String> CORRECT_OUTPUTS = Set.of("tricky:emoji_in_text", "tricky:training_sentence_without_period");

    private final ReviewAssessor assessor = new ReviewAssessor(ReviewPolicy.defaults());

    private static List<JsonObject> entries(boolean train) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : Golden.load("generate.json").getAsJsonArray("entries")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("kind").getAsString().equals("train") == train) {
                out.add(o);
            }
        }
        return out;
    }

    private Review assess(JsonObject entry) {
        JsonObject beam = entry.getAsJsonObject("beam");
        return assessor.assess(ReviewInput.of(entry.get("text").getAsString(), beam.get("text").getAsString(),
                beam.get("sequences_score").getAsDouble(), false));
    }

    @Test
    void everyTrainingPairPassesWithItsGoldenBeamScore() {
        List<JsonObject> train = entries(true);
        assertEquals(84, train.size());
        for (JsonObject e : train) {
            Review r = assess(e);
            assertFalse(r.needed(), () -> "train " + e.get("index") + ": " + r.reasons());
        }
    }

    @Test
    void nonsenseOutputsForOffTrainingInputsAreFlagged() {
        for (JsonObject e : entries(false)) {
            String kind = e.get("kind").getAsString();
            Review r = assess(e);
            if (CORRECT_OUTPUTS.contains(kind)) {
                assertFalse(r.needed(), () -> kind + ": " + r.reasons());
            } else {
                assertTrue(r.needed(), kind);
            }
        }
    }

    @Test
    void thresholdSeparatesTrainingScoresFromNonsenseScores() {
        double worstTrain = entries(true).stream()
                .mapToDouble(e -> e.getAsJsonObject("beam").get("sequences_score").getAsDouble()).min().orElseThrow();
        double bestNonsense = entries(false).stream()
                .filter(e -> !CORRECT_OUTPUTS.contains(e.get("kind").getAsString()))
                .filter(e -> !e.get("kind").getAsString().startsWith("tricky:very_long"))
                .mapToDouble(e -> e.getAsJsonObject("beam").get("sequences_score").getAsDouble()).max().orElseThrow();
        double threshold = ReviewPolicy.defaults().minScore();
        assertTrue(worstTrain > threshold && threshold > bestNonsense, worstTrain + " > " + threshold + " > " + bestNonsense);
    }

    @Test
    void truncatedOverlongInputIsCaughtByLengthRatioNotScore() {
        JsonObject longEntry = entries(false).stream()
                .filter(e -> e.get("kind").getAsString().startsWith("tricky:very_long")).findFirst().orElseThrow();
        Review r = assess(longEntry);
        assertFalse(r.has(ReasonCode.LOW_CONFIDENCE));
        assertTrue(r.has(ReasonCode.LENGTH_RATIO));
    }
}
