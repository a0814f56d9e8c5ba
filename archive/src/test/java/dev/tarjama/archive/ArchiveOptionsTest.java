package dev.tarjama.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The job's command line, and the launcher's JVM flags. */
class ArchiveOptionsTest {
    @Test
    void defaultsFollowTheServiceAndGuessTheInputFormat() {
        ArchiveOptions o = ArchiveOptions.parse("--model", "m", "--input", "a.jsonl", "--output", "out");
        assertEquals(List.of("parquet"), o.formats());
        assertEquals(4, o.beams());
        assertEquals(512, o.maxLength());
        assertEquals("jsonl", o.inputFormat());
        assertFalse(o.pairs());
        assertEquals(0, o.limit());
        assertEquals("parquet", ArchiveOptions.parse("--model", "m", "--input", "a.parquet", "--output", "o").inputFormat());
        ArchiveOptions both = ArchiveOptions.parse("--model=m", "--input", "x", "--output", "o", "--format", "jsonl,parquet",
                "--pairs", "--master", "local[2]", "--input-format", "PARQUET");
        assertEquals(List.of("jsonl", "parquet"), both.formats());
        assertTrue(both.pairs());
        assertEquals("parquet", both.inputFormat());
        assertEquals("local[2]", both.master());
    }

    @Test
    void badCommandLinesAreRefusedNamingTheOption() {
        assertMessage("--model is required", "--input", "a", "--output", "o");
        assertMessage("unknown option --modle", "--modle", "m", "--input", "a", "--output", "o");
        assertMessage("--format must be parquet, jsonl or both, got 'csv'", "--model", "m", "--input", "a", "--output", "o",
                "--format", "csv");
        assertMessage("--beams/--max-length", "--model", "m", "--input", "a", "--output", "o", "--beams", "9");
        assertMessage("--limit must be an integer, got 'ten'", "--model", "m", "--input", "a", "--output", "o", "--limit", "ten");
        assertMessage("--chunk must be at least 1", "--model", "m", "--input", "a", "--output", "o", "--chunk", "0");
        assertMessage("--output needs a value", "--model", "m", "--input", "a", "--output");
        assertMessage("--model given twice", "--model", "m", "--model", "n", "--input", "a", "--output", "o");
    }

    @Test
    void theLauncherOpensTheSameJdkPackagesAsTheTests() throws Exception {
        Path root = Path.of(System.getProperty("tarjama.root", ".."));
        String pom = Files.readString(root.resolve("archive/pom.xml"));
        Matcher m = Pattern.compile("<spark.java.opens>(.*?)</spark.java.opens>").matcher(pom);
        assertTrue(m.find());
        List<String> fromPom = List.of(m.group(1).trim().split("\\s+"));
        List<String> fromScript = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("bin/tarjama-archive"))) {
            String t = line.trim().replace(" \\", "");
            if (t.startsWith("--add-opens=") || t.startsWith("-Djdk.reflect") || t.startsWith("-Dio.netty")) {
                fromScript.add(t);
            }
        }
        assertEquals(fromPom, fromScript);
        assertTrue(Files.isExecutable(root.resolve("bin/tarjama-archive")));
    }

    private static void assertMessage(String expected, String... argv) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArchiveOptions.parse(argv));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
