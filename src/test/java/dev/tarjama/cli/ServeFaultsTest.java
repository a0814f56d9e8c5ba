package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.http.HttpConfig;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelLoadException;
import dev.tarjama.testutil.Golden;
import dev.tarjama.translation.ServiceConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} refuses to start, with one clear line, on every kind of broken model directory. */
class ServeFaultsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void runtime() {
        DjlRuntime.configure(1);
    }

    /** A copy of the tiny model with only safetensors weights. */
    private Path copy() throws IOException {
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(Golden.TINY_MODEL)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("pytorch_model.bin")) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        return dir;
    }

    private static String refusal(Path dir) {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ServeCommand.start(dir, "127.0.0.1", 0, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS).close());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        System.out.println("serve refuses: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void missingDirectory() {
        String m = refusal(tmp.resolve("absent"));
        assertTrue(m.contains("absent"), m);
    }

    @Test
    void unreadableConfig() throws IOException {
        Path dir = copy();
        Files.delete(dir.resolve("config.json"));
        Files.createDirectory(dir.resolve("config.json")); // exists, but cannot be read as a file
        String m = refusal(dir);
        assertTrue(m.contains("config.json"), m);
    }

    @Test
    void truncatedWeights() throws IOException {
        Path dir = copy();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("model.safetensors").toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        String m = refusal(dir);
        assertTrue(m.contains("model.safetensors"), m);
    }

    @Test
    void weightsWithOtherShapesThanTheConfig() throws IOException {
        Path dir = copy();
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"encoder_ffn_dim\": 256", "\"encoder_ffn_dim\": 512"));
        String m = refusal(dir);
        assertTrue(m.contains("shape") || m.contains("512"), m);
    }

    @Test
    void vocabularyAndModelDisagree() throws IOException {
        Path dir = copy();
        Path vocab = dir.resolve("vocab.json");
        String json = Files.readString(vocab, StandardCharsets.UTF_8).strip();
        Files.writeString(vocab, json.substring(0, json.length() - 1) + ", \"extra_piece_xyz\": 862}", StandardCharsets.UTF_8);
        String m = refusal(dir);
        assertTrue(m.contains("vocab"), m);
    }
}
