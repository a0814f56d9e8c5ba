package dev.tarjama.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tarjama.model.RawTensor;
import dev.tarjama.model.SafetensorsReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {
    @TempDir
    Path dir;

    @Test
    void writtenTensorsReadBackWithTheirShapesAndValues() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, List.of(
                new SafetensorsWriter.Tensor("a", new long[] {2, 3}, (start, out) -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = start + i + 0.5f;
                    }
                }),
                new SafetensorsWriter.Tensor("b.bias", new long[] {5}, (start, out) -> java.util.Arrays.fill(out, -1f)),
                new SafetensorsWriter.Tensor("empty", new long[] {0, 4}, (start, out) -> { })));
        Map<String, RawTensor> read = SafetensorsReader.read(file);
        assertEquals(List.of("a", "b.bias", "empty"), List.copyOf(read.keySet()));
        assertArrayEquals(new long[] {2, 3}, read.get("a").shape());
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f}, floats(read.get("a")));
        assertArrayEquals(new float[] {-1, -1, -1, -1, -1}, floats(read.get("b.bias")));
        assertEquals(0, floats(read.get("empty")).length);
    }

    @Test
    void headerIsPaddedToEightBytes() {
        byte[] header = SafetensorsWriter.header(List.of(
                new SafetensorsWriter.Tensor("x", new long[] {1}, (s, o) -> { })));
        assertEquals(0, header.length % 8);
    }

    @Test
    void duplicateNamesAreRejected() {
        SafetensorsWriter.Tensor t = new SafetensorsWriter.Tensor("x", new long[] {1}, (s, o) -> { });
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(dir.resolve("d"), List.of(t, t)));
    }

    private static float[] floats(RawTensor t) {
        float[] out = new float[t.data().remaining() / 4];
        t.data().asFloatBuffer().get(out);
        return out;
    }
}
