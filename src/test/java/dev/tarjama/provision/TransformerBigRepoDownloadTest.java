package dev.tarjama.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.model.ModelDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helsinki-NLP/opus-mt-tc-big-ar-en's repository has a half-precision {@code pytorch_model.bin} and
 * no {@code model.safetensors} on main, besides TensorFlow weights, a model card and benchmark files:
 * the downloader takes the torch checkpoint and the Marian files and nothing else, and the result
 * opens as a model directory. (The fake repository holds the demo model's files in that layout.)
 */
class TransformerBigRepoDownloadTest {
    static final String REPO = "Helsinki-NLP/opus-mt-tc-big-ar-en";
    static final Path FIXTURE = Path.of("models", "tiny-ar-en");

    @TempDir
    Path tmp;

    @Test
    void takesTheTorchCheckpointAndMarianFilesOnlyAndTheResultLoads() throws IOException {
        Map<String, byte[]> files = FakeHub.filesOf(FIXTURE, "config.json", "generation_config.json", "source.spm",
                "target.spm", "vocab.json", "tokenizer_config.json", "pytorch_model.bin");
        files.put("tf_model.h5", new byte[4096]);
        files.put("special_tokens_map.json", "{\"eos_token\":\"</s>\"}".getBytes(StandardCharsets.UTF_8));
        files.put("README.md", "# opus-mt-tc-big-ar-en".getBytes(StandardCharsets.UTF_8));
        files.put("benchmark_translations.zip", new byte[100]);
        try (FakeHub hub = new FakeHub()) {
            hub.commit(REPO, "d".repeat(40), files, "main");
            HubSettings settings = new HubSettings(hub.uri(), Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5));
            ModelDownloader downloader = new ModelDownloader(settings, new RetryPolicy(2, Duration.ofMillis(5)),
                    new DownloadProgress() {});
            Path target = ModelDownloader.defaultTarget(tmp.resolve("models"), REPO);
            assertEquals("opus-mt-tc-big-ar-en", target.getFileName().toString());
            Path dir = downloader.download(REPO, "main", target).dir();
            assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("pytorch_model.bin")),
                    Files.readAllBytes(dir.resolve("pytorch_model.bin")));
            for (String skipped : new String[] {"tf_model.h5", "README.md", "benchmark_translations.zip",
                "special_tokens_map.json", "model.safetensors"}) {
                assertFalse(Files.exists(dir.resolve(skipped)), skipped);
                assertTrue(hub.requestsFor(skipped).isEmpty(), skipped + " was not requested");
            }
            ModelDirectory model = ModelDirectory.open(dir);
            assertEquals("pytorch_model.bin", model.weightsFile().getFileName().toString());
            assertEquals(862, model.config().vocabSize());
        }
    }
}
