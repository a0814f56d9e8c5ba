package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.testutil.Golden;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --service} on the tiny model: a short run with 1 and 2 clients, and how the service is configured. */
class ServiceBenchCommandTest {
    @BeforeAll
    static void runtime() {
        DjlRuntime.configure(1);
    }

    @Test
    void oneAndTwoClientsGetEveryArticleTranslatedWithSaneFigures(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("service.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ServiceBenchCommand.run(new String[] {"bench", "--service", "--model", Golden.TINY_MODEL.toString(),
                        "--clients", "1,2", "--articles", "2", "--warmup", "0", "--max-length", "auto", "--out", json.toString()},
                Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));

        JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonArray levels = report.getAsJsonArray("levels");
        assertEquals(2, levels.size());
        for (int i = 0; i < 2; i++) {
            JsonObject level = levels.get(i).getAsJsonObject();
            int clients = level.get("clients").getAsInt();
            assertEquals(i + 1, clients);
            assertEquals(2 * clients, level.get("articles").getAsInt(), level.toString());
            JsonObject byKind = level.getAsJsonObject("articlesByKind");
            assertEquals(2 * clients, byKind.get("short").getAsInt() + byKind.get("medium").getAsInt()
                    + byKind.get("long").getAsInt(), level.toString());
            // every piece holds at least one sentence, and none is answered from the (disabled) cache
            assertTrue(level.get("sentences").getAsInt() >= level.get("articles").getAsInt(), level.toString());
            assertEquals(0, level.get("cachedSentences").getAsInt(), level.toString());
            assertEquals(0, level.get("errors").getAsInt(), level.toString());
            assertFalse(level.has("firstError"), level.toString());
            double seconds = level.get("seconds").getAsDouble();
            assertTrue(seconds > 0, level.toString());
            // "seconds" is written to the millisecond and the rate to 0.01: allow both roundings
            int sentences = level.get("sentences").getAsInt();
            double rate = level.get("sentencesPerSecond").getAsDouble();
            assertTrue(rate >= sentences / (seconds + 0.0005) - 0.005 && rate <= sentences / (seconds - 0.0005) + 0.005,
                    level.toString());
            double p50 = level.get("p50Ms").getAsDouble();
            double p95 = level.get("p95Ms").getAsDouble();
            assertTrue(p50 > 0 && p95 >= p50 && level.get("maxMs").getAsDouble() >= p95, level.toString());
            // the articles of one client run back to back: their latencies add up to at most the measured time
            assertTrue(p50 <= seconds * 1000, level.toString());
            assertTrue(level.get("loadAverageStart").getAsString().matches("[0-9.]+ [0-9.]+ [0-9.]+|unknown"), level.toString());
            assertTrue(level.get("loadAverageEnd").getAsString().matches("[0-9.]+ [0-9.]+ [0-9.]+|unknown"), level.toString());
        }
        JsonObject setup = report.getAsJsonObject("setup");
        assertEquals(4, setup.get("beams").getAsInt());
        int maxLength = setup.get("maxLength").getAsInt();
        assertTrue(maxLength >= 2 && maxLength <= 512, setup.toString());
        assertTrue(setup.get("cache").getAsString().startsWith("off"), setup.toString());
        assertEquals(2, setup.get("articlesPerClient").getAsInt());

        List<String> rows = printed.lines().filter(l -> l.matches("\\s+[12]\\s+\\d+\\s.*")).toList();
        assertEquals(2, rows.size(), printed);
        assertTrue(printed.contains("cache: off") && printed.contains("maxLength " + maxLength), printed);
    }

    @Test
    void serveOptionsPassThroughAndTheBenchFixesTheRest() {
        Args args = ServiceBenchCommand.parse(new String[] {"bench", "--service", "--workers", "2", "--batch-sentences", "16",
                "--threads", "1", "--clients", "1,3"});
        ServeOptions options = ServiceBenchCommand.serveOptions(args, Golden.TINY_MODEL, List.of("k".repeat(16),
                "l".repeat(16), "m".repeat(16)), Path.of("target/bench-glossaries"), Map.of("TARJAMA_BATCH_WAIT", "7ms",
                "TARJAMA_CACHE_CHARS", "5000", "TARJAMA_API_KEYS_FILE", "/nonexistent", "TARJAMA_PORT", "9999"));
        assertEquals(2, options.service().workers());
        assertEquals(16, options.service().maxBatchSentences());
        assertEquals(7, options.service().batchWaitMillis(), "serve's variables reach the service too");
        assertEquals(1, options.threads());
        assertEquals(0, options.service().cacheMaxChars(), "the cache is off whatever the environment says");
        assertEquals(0, options.port());
        assertEquals("127.0.0.1", options.host());
        assertEquals(3, options.ops().apiKeys().size(), "one key per client, the key file is ignored");
        assertEquals(Golden.TINY_MODEL, options.model());
        // what the bench fixes cannot be set on its command line
        for (String fixed : List.of("--port", "--cache-chars", "--store", "--host")) {
            Args.UsageException e = assertThrows(Args.UsageException.class,
                    () -> ServiceBenchCommand.parse(new String[] {"bench", "--service", fixed, "1"}));
            assertTrue(e.getMessage().contains("unknown option " + fixed), e.getMessage());
        }
    }
}
