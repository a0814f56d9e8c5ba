package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.translation.FakeEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's curl examples (the bash block between its {@code examples} markers) against an in-process server. */
class DocumentedExamplesTest {

    static boolean onPath(String tool) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static JsonObject read(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** The README's example block, run with {@code set -euo pipefail}. */
    static String readmeExamples() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int begin = readme.indexOf("<!-- examples:begin -->");
        int end = readme.indexOf("<!-- examples:end -->");
        org.junit.jupiter.api.Assertions.assertTrue(begin >= 0 && end > begin, "README.md has no examples block");
        String block = readme.substring(begin, end);
        block = block.substring(block.indexOf("```bash") + "```bash".length(), block.lastIndexOf("```"));
        return "set -euo pipefail\n" + block;
    }

    @Test
    void readmeCurlExamplesWork(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("curl") && onPath("jq") && onPath("bash"), "curl, jq and bash are needed");
        String article = SeedArticleApiTest.resource("/seed/000_3043c1e1a094a635.txt");
        Files.writeString(dir.resolve("article.txt"), article, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("articles"));
        Files.writeString(dir.resolve("articles/a.txt"), "الخبر الأول.\r\nسطر ثان.", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("articles/b.txt"), article, StandardCharsets.UTF_8);
        Path script = dir.resolve("readme-examples.sh");
        Files.writeString(script, readmeExamples(), StandardCharsets.UTF_8);

        try (TestServer server = TestServer.start(new FakeEngine())) {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("TARJAMA", server.base);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), output);
            assertEquals("", output.strip(), "no failures reported");
        }
        assertEquals(16, read(dir.resolve("article.json")).getAsJsonArray("paragraphs").size());
        assertEquals(read(dir.resolve("article.json")).getAsJsonArray("paragraphs").toString(),
                read(dir.resolve("article-plain.json")).getAsJsonArray("paragraphs").toString().replace("\"cached\":true", "\"cached\":false"));
        assertEquals(2, read(dir.resolve("articles/a.json")).getAsJsonArray("paragraphs").size());
        assertEquals(16, read(dir.resolve("articles/b.json")).getAsJsonArray("paragraphs").size());
        assertEquals(2, read(dir.resolve("batch.json")).getAsJsonArray("results").size());
        assertEquals(FakeEngine.expected("مرحبا بكم في موسكو."), read(dir.resolve("lt.json")).get("translatedText").getAsString());
        assertEquals("ar", read(dir.resolve("lt.json")).getAsJsonObject("detectedLanguage").get("language").getAsString());
        assertEquals(FakeEngine.expected("مرحبا بكم في موسكو."), read(dir.resolve("lt-form.json")).get("translatedText").getAsString());
        assertEquals("ready", read(dir.resolve("ready.json")).get("status").getAsString());
        assertEquals("rev-1", read(dir.resolve("model.json")).get("revision").getAsString());
    }
}
