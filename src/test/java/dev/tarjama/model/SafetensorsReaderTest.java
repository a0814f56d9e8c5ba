package dev.tarjama.model;

import static dev.tarjama.model.CheckpointFiles.FIXTURE_SAFETENSORS;
import static dev.tarjama.model.CheckpointFiles.safetensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafetensorsReaderTest {
    @TempDir
    Path tmp;

    @Test
    void float32TensorsAreReadOnlyZeroCopySlicesOfTheMapping() throws IOException {
        Path f = safetensors(tmp.resolve("a.safetensors"),
                "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[16,20]}}",
                CheckpointFiles.floats(1, 2, 3, 4, 5));
        Map<String, RawTensor> t = SafetensorsReader.read(f);
        assertEquals(2, t.size(), "__metadata__ is skipped");
        RawTensor a = t.get("a");
        assertArrayEquals(new long[] {2, 2}, a.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, a.toFloatArray());
        assertTrue(a.data().isDirect() && a.data().isReadOnly());
        assertEquals(ByteOrder.LITTLE_ENDIAN, a.data().order());
        assertArrayEquals(new float[] {5}, t.get("b").toFloatArray(), "scalar, position 0 of its own slice");
        assertEquals(0, t.get("b").data().position());
    }

    @Test
    void halfPrecisionConvertsExactlyIncludingSubnormalsInfinityAndNan() throws IOException {
        int[] half = {0x3c00, 0xc100, 0x7bff, 0x0001, 0x03ff, 0x0400, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0x3555};
        float[] want = {1f, -2.5f, 65504f, 0x1p-24f, 1023 * 0x1p-24f, 0x1p-14f, -0f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN, 0.333251953125f};
        Path f = safetensors(tmp.resolve("h.safetensors"),
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[11],\"data_offsets\":[0,22]}}", CheckpointFiles.shorts(half));
        float[] got = SafetensorsReader.read(f).get("h").toFloatArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), "half 0x" + Integer.toHexString(half[i]));
        }
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(got[6]), "negative zero keeps its sign");
    }

    @Test
    void bfloat16AndFloat64ConvertToFloat32() throws IOException {
        float[] values = {1f, -3.140625f, 1e-40f, Float.NEGATIVE_INFINITY};
        int[] bf = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bf[i] = Float.floatToIntBits(values[i]) >>> 16;
        }
        byte[] data = concat(CheckpointFiles.shorts(bf), CheckpointFiles.doubles(0.1, -1e300, 2.5));
        Path f = safetensors(tmp.resolve("b.safetensors"), "{\"d\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[8,32]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[0,8]}}", data);
        Map<String, RawTensor> t = SafetensorsReader.read(f);
        float[] b = t.get("b").toFloatArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.intBitsToFloat(bf[i] << 16), b[i]);
        }
        assertEquals(-3.140625f, b[1]);
        assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY, 2.5f}, t.get("d").toFloatArray());
        assertTrue(t.get("b").data().isDirect());
    }

    @Test
    void mappingPerTensorGivesTheSameTensorsAsOneMapping() {
        Map<String, RawTensor> whole = SafetensorsReader.read(FIXTURE_SAFETENSORS);
        Map<String, RawTensor> regions = SafetensorsReader.read(FIXTURE_SAFETENSORS, 500_000);
        assertEquals(whole.keySet(), regions.keySet());
        for (String k : whole.keySet()) {
            assertEquals(whole.get(k).data(), regions.get(k).data(), k);
        }
        String msg = assertThrows(ModelLoadException.class,
                () -> SafetensorsReader.read(FIXTURE_SAFETENSORS, 100_000)).getMessage();
        assertTrue(msg.contains("model.safetensors") && msg.contains("tensors over 100000 bytes"), msg);
    }

    @Test
    void overlappingTensorsAreAllowed() throws IOException {
        Path f = safetensors(tmp.resolve("o.safetensors"), "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"y\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", CheckpointFiles.floats(7, 8));
        Map<String, RawTensor> t = SafetensorsReader.read(f);
        assertArrayEquals(t.get("x").toFloatArray(), t.get("y").toFloatArray());
    }

    @Test
    void readsAFileWithoutWritePermission() throws IOException {
        Path copy = Files.copy(FIXTURE_SAFETENSORS, tmp.resolve("ro.safetensors"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--r--r--"));
        assertEquals(86, SafetensorsReader.read(copy).size());
    }

    @Test
    void unsupportedDtypeNamesTensorAndDtype() throws IOException {
        Path f = safetensors(tmp.resolve("i.safetensors"),
                "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
        assertRefused(f, "\"ids\"", "I64");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5})
    void fileShorterThanTheHeaderLengthIsRefused(int size) throws IOException {
        Path f = Files.write(tmp.resolve("short.safetensors"), new byte[size]);
        assertRefused(f, "shorter than the 8-byte header length");
    }

    @Test
    void headerLengthBeyondTheFileIsRefused() throws IOException {
        assertRefused(withHeaderLength(Files.size(FIXTURE_SAFETENSORS)), "exceeds the file size");
        assertRefused(withHeaderLength(-1), "exceeds the file size");
    }

    @Test
    void headerLengthOverTheLimitIsRefusedWithoutReadingIt() throws IOException {
        Path f = tmp.resolve("huge.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(SafetensorsReader.MAX_HEADER_BYTES + 1024); // sparse
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(SafetensorsReader.MAX_HEADER_BYTES + 1).array());
        }
        assertRefused(f, "exceeds the limit");
    }

    @Test
    void truncatedFixtureIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(FIXTURE_SAFETENSORS);
        Path f = Files.write(tmp.resolve("cut.safetensors"), Arrays.copyOf(all, all.length / 2));
        assertRefused(f, "past the end");
    }

    @Test
    void malformedHeadersAreRefused() throws IOException {
        byte[] data = new byte[16];
        String[][] cases = {
            {"{not json", "not valid JSON"},
            {"[1,2]", "not a JSON object"},
            {"{\"t\":5}", "not an object"},
            {"{\"t\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "no \"dtype\""},
            {"{\"t\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", "no \"shape\""},
            {"{\"t\":{\"dtype\":\"F32\",\"shape\":[1]}}", "no \"data_offsets\""},
            {"{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "negative dimension"},
            {"{\"t\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,4]}}", "overflows"},
            {"{\"t\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", "not a 64-bit integer"},
            {"{\"t\":{\"dtype\":\"F32\",\"shape\":[1e30],\"data_offsets\":[0,4]}}", "not a 64-bit integer"},
            {"{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", "out of order"},
            {"{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", "out of order"},
            {"{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", "not a list of 2"},
            {"{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,400]}}", "past the end"},
            {"{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "needs 12"},
            {"{\"t\":{\"dtype\":[\"F32\"],\"shape\":[1],\"data_offsets\":[0,4]}}", "not supported"},
        };
        for (String[] c : cases) {
            Path f = safetensors(tmp.resolve("bad.safetensors"), c[0], data);
            assertRefused(f, c[1]);
        }
        Path deep = safetensors(tmp.resolve("deep.safetensors"), "{\"t\":" + "[".repeat(100_000), data);
        assertRefused(deep, "not valid JSON");
        Path latin1 = tmp.resolve("enc.safetensors");
        safetensors(latin1, "{\"t\":1}", data);
        byte[] raw = Files.readAllBytes(latin1);
        raw[10] = (byte) 0xff;
        Files.write(latin1, raw);
        assertRefused(latin1, "not UTF-8");
    }

    private Path withHeaderLength(long length) throws IOException {
        byte[] all = Files.readAllBytes(FIXTURE_SAFETENSORS);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        return Files.write(tmp.resolve("len.safetensors"), all);
    }

    private static void assertRefused(Path file, String... fragments) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SafetensorsReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected \"" + f + "\" in: " + e.getMessage());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
