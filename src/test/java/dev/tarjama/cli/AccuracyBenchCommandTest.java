package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.model.DjlRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --accuracy} on the fixture model: the reduced precisions measured against fp32. */
class AccuracyBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void theFixtureReportShowsEveryMemorizedSentenceKeptInBothPrecisions() throws Exception {
        DjlRuntime.configure(1);
        Path json = dir.resolve("accuracy.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = BenchCommand.run(new String[] {"bench", "--accuracy", "--random", "0", "--out", json.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status);
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("same ids") && table.contains("load average"), table);
        JsonArray rows = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("rows");
        Set<String> seen = new HashSet<>();
        for (var e : rows) {
            JsonObject r = e.getAsJsonObject();
            seen.add(r.get("precision").getAsString() + "/" + r.get("search").getAsString());
            assertEquals(84, r.get("sentences").getAsInt(), r.toString());
            assertEquals(84, r.get("referenceCount").getAsInt(), r.toString());
            if (r.get("search").getAsString().equals("greedy")) {
                assertEquals(84, r.get("exactToReference").getAsInt(), r.toString());
            }
            assertTrue(r.get("sameIds").getAsInt() >= 80, r.toString());
            assertTrue(r.get("meanAbsScoreDiff").getAsDouble() < 0.01, r.toString());
        }
        assertEquals(Set.of("bf16/greedy", "bf16/beam4", "int8/greedy", "int8/beam4"), seen);
    }

    @Test
    void fp32IsRefusedAsAPrecisionToCompareBecauseItIsTheReference() {
        Args.UsageException e = assertThrows(Args.UsageException.class, () -> BenchCommand.run(
                new String[] {"bench", "--accuracy", "--precision", "fp32"}, System.out, System.err));
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
    }
}
