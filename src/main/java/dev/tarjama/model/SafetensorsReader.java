package dev.tarjama.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length, a JSON header mapping
 * tensor names to {@code dtype}, {@code shape} and {@code data_offsets}, then the raw data.
 *
 * <p>The file is memory-mapped read-only. F32 tensors are zero-copy slices of the mapping; F16, BF16
 * and F64 tensors are converted to F32 in new direct buffers. Every structural problem is reported as
 * a {@link ModelLoadException} naming the file, before any tensor is touched.
 */
public final class SafetensorsReader {
    /** Largest JSON header accepted. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private record Entry(String name, FloatConversion dtype, long[] shape, long numel, long begin, long end) {}

    private SafetensorsReader() {}

    /** Reads every tensor of a safetensors file, keyed by name, in header order. */
    public static Map<String, RawTensor> read(Path file) {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * As {@link #read(Path)}; the data section is mapped as one region when it is at most
     * {@code maxRegion} bytes long, otherwise one region per tensor (each at most {@code maxRegion}).
     */
    static Map<String, RawTensor> read(Path file, long maxRegion) {
        return read(file, maxRegion, false);
    }

    /**
     * With {@code regionPerTensor}, every tensor is mapped as its own region (of at most
     * {@code maxRegion} bytes) whatever the file's size: each float32 tensor's buffer is then the
     * mapping itself, not a slice of a larger one, and can be unmapped on its own ({@link MappedRegions}).
     */
    static Map<String, RawTensor> read(Path file, long maxRegion, boolean regionPerTensor) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new ModelLoadException(file, "not a safetensors file: " + size
                        + " bytes, shorter than the 8-byte header length");
            }
            long headerLen = readBytes(ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (headerLen < 0 || headerLen > size - 8) {
                throw new ModelLoadException(file, "safetensors header length " + Long.toUnsignedString(headerLen)
                        + " exceeds the file size " + size);
            }
            if (headerLen > MAX_HEADER_BYTES) {
                throw new ModelLoadException(file, "safetensors header length " + headerLen
                        + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            long dataStart = 8 + headerLen;
            long dataLen = size - dataStart;
            List<Entry> entries = parseHeader(file, readBytes(ch, 8, (int) headerLen), dataLen);
            Map<String, RawTensor> out = new LinkedHashMap<>();
            if (dataLen <= maxRegion && !regionPerTensor) {
                ByteBuffer all = ch.map(FileChannel.MapMode.READ_ONLY, dataStart, dataLen);
                for (Entry e : entries) {
                    ByteBuffer bytes = all.slice((int) e.begin(), (int) (e.end() - e.begin()));
                    out.put(e.name(), tensor(file, e, bytes));
                }
            } else {
                for (Entry e : entries) {
                    long len = e.end() - e.begin();
                    if (len > maxRegion) {
                        throw new ModelLoadException(file, "tensor \"" + e.name() + "\" is " + len
                                + " bytes; tensors over " + maxRegion + " bytes are not supported");
                    }
                    ByteBuffer bytes = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), len);
                    out.put(e.name(), tensor(file, e, bytes));
                }
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot read safetensors file: " + e, e);
        }
    }

    private static RawTensor tensor(Path file, Entry e, ByteBuffer bytes) {
        ByteBuffer data = bytes.order(ByteOrder.LITTLE_ENDIAN);
        if (e.dtype() != FloatConversion.F32) {
            if (e.numel() > Integer.MAX_VALUE / Float.BYTES) {
                throw new ModelLoadException(file, "tensor \"" + e.name() + "\" has " + e.numel()
                        + " elements; over 2 GiB as float32 is not supported");
            }
            data = e.dtype().toF32(data, (int) e.numel());
        }
        return new RawTensor(e.name(), e.shape(), data);
    }

    private static List<Entry> parseHeader(Path file, ByteBuffer raw, long dataLen) {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(raw).toString();
        } catch (CharacterCodingException e) {
            throw new ModelLoadException(file, "safetensors header is not UTF-8", e);
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            throw new ModelLoadException(file, "safetensors header is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new ModelLoadException(file, "safetensors header is not a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> kv : root.getAsJsonObject().entrySet()) {
            if (!kv.getKey().equals("__metadata__")) {
                entries.add(entry(file, kv.getKey(), kv.getValue(), dataLen));
            }
        }
        return entries;
    }

    private static Entry entry(Path file, String name, JsonElement value, long dataLen) {
        String where = "tensor \"" + name + "\": ";
        if (!value.isJsonObject()) {
            throw new ModelLoadException(file, where + "header entry is not an object");
        }
        JsonObject o = value.getAsJsonObject();
        for (String key : List.of("dtype", "shape", "data_offsets")) {
            if (!o.has(key)) {
                throw new ModelLoadException(file, where + "header entry has no \"" + key + "\"");
            }
        }
        JsonElement dt = o.get("dtype");
        String dtype = dt.isJsonPrimitive() ? dt.getAsString() : dt.toString();
        FloatConversion type;
        try {
            type = FloatConversion.valueOf(dtype);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, where + "dtype " + dtype + " is not supported (F32, F16, BF16, F64)");
        }
        long[] shape = longs(file, where + "shape", o.get("shape"), -1);
        long numel = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new ModelLoadException(file, where + "negative dimension in shape " + Arrays.toString(shape));
            }
            numel = multiply(file, where, numel, d, shape);
        }
        long byteLen = multiply(file, where, numel, type.bytes, shape);
        long[] offsets = longs(file, where + "data_offsets", o.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin) {
            throw new ModelLoadException(file, where + "data_offsets " + Arrays.toString(offsets) + " are out of order");
        }
        if (end > dataLen) {
            throw new ModelLoadException(file, where + "data_offsets " + Arrays.toString(offsets)
                    + " point past the end of the data (" + dataLen + " bytes)");
        }
        if (end - begin != byteLen) {
            throw new ModelLoadException(file, where + "data_offsets " + Arrays.toString(offsets) + " span "
                    + (end - begin) + " bytes but shape " + Arrays.toString(shape) + " of " + dtype + " needs " + byteLen);
        }
        return new Entry(name, type, shape, numel, begin, end);
    }

    private static long multiply(Path file, String where, long a, long b, long[] shape) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new ModelLoadException(file, where + "shape " + Arrays.toString(shape) + " overflows");
        }
    }

    /** A JSON array of integers (of the given length, or any length when {@code length < 0}). */
    private static long[] longs(Path file, String what, JsonElement e, int length) {
        if (!e.isJsonArray() || (length >= 0 && e.getAsJsonArray().size() != length)) {
            throw new ModelLoadException(file, what + " " + e + " is not a list of "
                    + (length >= 0 ? length + " " : "") + "integers");
        }
        JsonArray a = e.getAsJsonArray();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement x = a.get(i);
            try {
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                    throw new NumberFormatException();
                }
                out[i] = new BigDecimal(x.getAsString()).longValueExact();
            } catch (ArithmeticException | NumberFormatException ex) {
                throw new ModelLoadException(file, what + " " + e + " has a value that is not a 64-bit integer");
            }
        }
        return out;
    }

    private static ByteBuffer readBytes(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new EOFException("unexpected end of file at byte " + (position + buf.position()));
            }
        }
        return buf.flip();
    }
}
