package dev.tarjama.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.model.CheckpointFiles.Pickle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random corruption of small checkpoints: the readers return tensors or a ModelLoadException, nothing else. */
class CorruptCheckpointProperties {
    private static Path dir;
    private static byte[] pickle;
    private static byte[] safetensors;

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("corrupt");
        pickle = new Pickle().beginDict()
                .tensor("a", "FloatStorage", "0", 6, 0, new long[] {2, 3}, new long[] {3, 1})
                .tensor("b", "FloatStorage", "0", 6, 1, new long[] {3, 2}, new long[] {1, 3})
                .tensor("c", "HalfStorage", "1", 2, 0, new long[] {2}, new long[] {1})
                .endDict().bytes();
        Path st = CheckpointFiles.safetensors(dir.resolve("base.safetensors"),
                "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                        + "\"c\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[24,28]}}",
                CheckpointFiles.floats(0, 1, 2, 3, 4, 5, 6));
        safetensors = Files.readAllBytes(st);
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 300)
    void mutatedPickleLoadsOrFailsCleanly(@ForAll long seed) throws IOException {
        byte[] pkl = mutate(pickle, new Random(seed));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pkl);
        entries.put("archive/data/0", CheckpointFiles.floats(0, 1, 2, 3, 4, 5));
        entries.put("archive/data/1", CheckpointFiles.shorts(0x3c00, 0x4000));
        Path file = CheckpointFiles.zip(dir.resolve("m.bin"), entries);
        assertLoadsOrFailsCleanly(file, () -> TorchCheckpointReader.read(file));
    }

    @Property(tries = 300)
    void mutatedSafetensorsLoadsOrFailsCleanly(@ForAll long seed) throws IOException {
        Path file = Files.write(dir.resolve("m.safetensors"), mutate(safetensors, new Random(seed)));
        assertLoadsOrFailsCleanly(file, () -> SafetensorsReader.read(file));
    }

    /** Flips 1-4 bytes, or truncates, or both. */
    private static byte[] mutate(byte[] original, Random r) {
        byte[] b = original.clone();
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips; i++) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        if (r.nextInt(4) == 0) {
            b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
        }
        return b;
    }

    private static void assertLoadsOrFailsCleanly(Path file, Runnable read) {
        try {
            read.run();
        } catch (ModelLoadException e) {
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }
}
