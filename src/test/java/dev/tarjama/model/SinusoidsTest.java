package dev.tarjama.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SinusoidsTest {
    @Test
    void matchesTheTransformersTableInTheForwardGolden() throws IOException {
        JsonObject golden = JsonParser.parseString(Files.readString(Path.of("src/test/resources/golden/forward.json")))
                .getAsJsonObject();
        int dim = 128;
        float[] pe = Sinusoids.table(512, dim);
        double max = 0;
        JsonArray first = golden.getAsJsonArray("sinusoidal_positions_first_rows");
        for (int pos = 0; pos < first.size(); pos++) {
            max = Math.max(max, maxDiff(first.get(pos).getAsJsonArray(), pe, pos * dim));
        }
        max = Math.max(max, maxDiff(golden.getAsJsonArray("sinusoidal_positions_row_100"), pe, 100 * dim));
        System.out.println("Sinusoids max |diff| vs transformers: " + max);
        assertTrue(max <= 1e-6, "max diff " + max);
    }

    @Test
    void sinesFillTheFirstHalfAndCosinesTheSecond() {
        float[] pe = Sinusoids.table(3, 4); // k = 0, 1: a = pos, pos / 100
        assertEquals(0f, pe[0]);
        assertEquals(1f, pe[2]);
        assertEquals((float) Math.sin(2), pe[8]);
        assertEquals((float) Math.sin(0.02), pe[9]);
        assertEquals((float) Math.cos(2), pe[10]);
        assertEquals((float) Math.cos(0.02), pe[11]);
    }

    @Test
    void oddDimensionsGiveTheSineHalfTheExtraColumn() {
        float[] pe = Sinusoids.table(2, 5); // sines k = 0..2, cosines k = 0..1, a = pos / 10000^(2k/5)
        int row = 5;
        for (int k = 0; k < 3; k++) {
            assertEquals((float) Math.sin(1 / Math.pow(10000, 2.0 * k / 5)), pe[row + k], "sin " + k);
        }
        for (int k = 0; k < 2; k++) {
            assertEquals((float) Math.cos(1 / Math.pow(10000, 2.0 * k / 5)), pe[row + 3 + k], "cos " + k);
        }
    }

    private static double maxDiff(JsonArray want, float[] pe, int offset) {
        double max = 0;
        for (int j = 0; j < want.size(); j++) {
            max = Math.max(max, Math.abs(want.get(j).getAsFloat() - pe[offset + j]));
        }
        return max;
    }
}
