package dev.tarjama.model;

import static dev.tarjama.model.CheckpointFiles.FIXTURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void opensTheFixturePreferringSafetensors() {
        ModelDirectory m = ModelDirectory.open(FIXTURE);
        assertEquals("tiny-ar-en", m.id());
        assertEquals("model.safetensors", m.weightsFile().getFileName().toString());
        assertEquals(862, m.config().vocabSize());
        assertEquals(86, m.readWeights().size());
        assertEquals(86, m.loadWeights().keys().size());
        assertTrue(m.revision().matches("[0-9a-f]{16}"), m.revision());
    }

    @Test
    void fallsBackToPytorchModelBin() throws IOException {
        Path dir = copyFixture("bin-only");
        Files.delete(dir.resolve("model.safetensors"));
        ModelDirectory m = ModelDirectory.open(dir);
        assertEquals("pytorch_model.bin", m.weightsFile().getFileName().toString());
        assertEquals(89, m.readWeights().size());
        assertEquals(86, m.loadWeights().keys().size());
    }

    @Test
    void namesEveryMissingFileInOneLine() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("half"));
        Files.copy(FIXTURE.resolve("config.json"), dir.resolve("config.json"));
        String msg = assertThrows(ModelLoadException.class, () -> ModelDirectory.open(dir)).getMessage();
        assertFalse(msg.contains("\n"), msg);
        for (String s : List.of(dir.toString(), "source.spm", "target.spm", "vocab.json",
                "model.safetensors or pytorch_model.bin")) {
            assertTrue(msg.contains(s), "expected \"" + s + "\" in: " + msg);
        }
        assertFalse(msg.contains("config.json"), msg);
        Path nowhere = tmp.resolve("nowhere");
        msg = assertThrows(ModelLoadException.class, () -> ModelDirectory.open(nowhere)).getMessage();
        assertTrue(msg.contains(nowhere.toString()) && msg.contains("does not exist"), msg);
    }

    @Test
    void revisionDependsOnContentNotLocationAndIsComputedOnce() throws Exception {
        String original = ModelDirectory.open(FIXTURE).revision();
        Path copy = copyFixture("copy");
        ModelDirectory m = ModelDirectory.open(copy);
        assertEquals(original, m.revision());

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Set<String> seen = new HashSet<>();
            Callable<String> revision = m::revision;
            for (Future<String> f : pool.invokeAll(java.util.Collections.nCopies(8, revision))) {
                seen.add(f.get());
            }
            assertEquals(Set.of(original), seen);
        } finally {
            pool.shutdown();
        }

        Files.writeString(copy.resolve("vocab.json"), Files.readString(copy.resolve("vocab.json")) + " ");
        assertEquals(original, m.revision(), "cached for the lifetime of the instance");
        assertNotEquals(original, ModelDirectory.open(copy).revision());

        Path noGen = copyFixture("no-generation");
        Files.delete(noGen.resolve("generation_config.json"));
        assertNotEquals(original, ModelDirectory.open(noGen).revision());
    }

    private Path copyFixture(String name) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        try (Stream<Path> files = Files.list(FIXTURE)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }
}
