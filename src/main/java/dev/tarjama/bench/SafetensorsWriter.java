package dev.tarjama.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes float32 tensors as a {@code .safetensors} file: an 8-byte little-endian header length, a
 * JSON header (name → dtype, shape, data_offsets; plus {@code __metadata__ {"format":"pt"}}) padded
 * with spaces to a multiple of 8 bytes, then the tensors back to back in header order. Tensor data
 * is produced chunk by chunk, so a 300 MB checkpoint never sits in the Java heap.
 */
public final class SafetensorsWriter {
    private static final int CHUNK_FLOATS = 1 << 20;

    /** Fills {@code out} with elements {@code [start, start + out.length)} of a tensor, row-major. */
    @FunctionalInterface
    public interface Filler {
        void fill(long start, float[] out);
    }

    /** One tensor to write. */
    public record Tensor(String name, long[] shape, Filler filler) {
        public Tensor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(filler, "filler");
            shape = shape.clone();
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
                }
            }
        }

        long numel() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    private SafetensorsWriter() {}

    /** Writes {@code tensors} to {@code file} (replacing it). Names must be distinct. */
    public static void write(Path file, List<Tensor> tensors) throws IOException {
        byte[] header = header(tensors);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer prefix = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(header.length).put(header).flip();
            writeFully(ch, prefix);
            ByteBuffer bytes = ByteBuffer.allocateDirect(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            float[] chunk = new float[CHUNK_FLOATS];
            for (Tensor t : tensors) {
                long numel = t.numel();
                for (long start = 0; start < numel; start += CHUNK_FLOATS) {
                    int n = (int) Math.min(CHUNK_FLOATS, numel - start);
                    float[] part = n == CHUNK_FLOATS ? chunk : new float[n];
                    t.filler().fill(start, part);
                    bytes.clear();
                    FloatBuffer floats = bytes.asFloatBuffer();
                    floats.put(part, 0, n);
                    bytes.limit(n * Float.BYTES);
                    writeFully(ch, bytes);
                }
            }
        }
    }

    /** The JSON header, space-padded to a multiple of 8 bytes. */
    static byte[] header(List<Tensor> tensors) {
        JsonObject root = new JsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("format", "pt");
        root.add("__metadata__", meta);
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (Tensor t : tensors) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name \"" + t.name() + "\"");
            }
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.add("shape", shape);
            long end = offset + t.numel() * Float.BYTES;
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            entry.add("data_offsets", offsets);
            root.add(t.name(), entry);
            offset = end;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
