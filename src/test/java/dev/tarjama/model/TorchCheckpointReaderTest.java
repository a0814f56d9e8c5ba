package dev.tarjama.model;

import static dev.tarjama.model.CheckpointFiles.FIXTURE_BIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.model.CheckpointFiles.Pickle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointReaderTest {
    private static final long[] ROW = {1, 6};

    @TempDir
    Path tmp;

    @Test
    void readsNonContiguousViewsWithOffsetsAsContiguousFloat32() throws IOException {
        byte[] pkl = new Pickle().beginDict()
                .tensor("t", "FloatStorage", "0", 8, 2, new long[] {3, 2}, new long[] {1, 3}) // transpose of [2,3]
                .tensor("row", "FloatStorage", "0", 8, 1, new long[] {4}, new long[] {1})
                .tensor("col", "FloatStorage", "0", 8, 0, new long[] {2, 1}, new long[] {4, 1})
                .endDict().bytes();
        Map<String, RawTensor> t = read(pkl, Map.of("0", CheckpointFiles.floats(0, 1, 2, 3, 4, 5, 6, 7)));
        assertArrayEquals(new long[] {3, 2}, t.get("t").shape());
        assertArrayEquals(new float[] {2, 5, 3, 6, 4, 7}, t.get("t").toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, 4}, t.get("row").toFloatArray());
        assertArrayEquals(new float[] {0, 4}, t.get("col").toFloatArray());
    }

    @Test
    void halfBfloat16AndDoubleStoragesConvertToFloat32() throws IOException {
        byte[] pkl = new Pickle().beginDict()
                .tensor("h", "HalfStorage", "0", 3, 0, new long[] {3}, new long[] {1})
                .tensor("b", "BFloat16Storage", "1", 2, 0, new long[] {2}, new long[] {1})
                .tensor("d", "DoubleStorage", "2", 2, 1, new long[] {1}, new long[] {1})
                .endDict().bytes();
        Map<String, byte[]> storages = Map.of("0", CheckpointFiles.shorts(0x3c00, 0x0001, 0xfc00),
                "1", CheckpointFiles.shorts(0x3f80, 0xc049), "2", CheckpointFiles.doubles(1.5, -0.25));
        Map<String, RawTensor> t = read(pkl, storages);
        assertArrayEquals(new float[] {1f, 0x1p-24f, Float.NEGATIVE_INFINITY}, t.get("h").toFloatArray());
        assertArrayEquals(new float[] {1f, -3.140625f}, t.get("b").toFloatArray());
        assertArrayEquals(new float[] {-0.25f}, t.get("d").toFloatArray());
    }

    @Test
    void supportsParametersMemoStackGlobalFramesAndOrderedDictState() throws IOException {
        Pickle p = new Pickle().op(0x80, 4, 0x95, 0, 0, 0, 0, 0, 0, 0, 0) // PROTO 4, FRAME
                .str("collections").op(0x94).str("OrderedDict").op(0x94, 0x93, 0x94) // STACK_GLOBAL, MEMOIZE
                .op(')', 'R', 0x94) // OrderedDict()
                .str("w").global("torch._utils", "_rebuild_parameter").op('(')
                .global("torch._utils", "_rebuild_tensor_v2").op('(')
                .op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(2).op('t', 'Q')
                .integer(0).ints(2).ints(1).op(0x89).op('h', 2, ')', 'R', 't', 'R') // BINGET 2 = OrderedDict global
                .op(0x88, 'h', 2, ')', 'R', 't', 'R') // _rebuild_parameter(t, True, OrderedDict())
                .op('s') // SETITEM
                .op('}').str("_metadata").op('h', 2, ')', 'R', 's', 'b') // BUILD with {'_metadata': OrderedDict()}
                .op('.');
        Map<String, RawTensor> t = read(p.bytes(), Map.of("0", CheckpointFiles.floats(3, 4)));
        assertEquals(1, t.size());
        assertArrayEquals(new float[] {3, 4}, t.get("w").toFloatArray());
    }

    @Test
    void fixtureBinContainsTheTiedAliasesSharingOneStorage() {
        Map<String, RawTensor> t = TorchCheckpointReader.read(FIXTURE_BIN);
        assertEquals(89, t.size());
        byte[] shared = CheckpointFiles.bytes(t.get("model.shared.weight"));
        for (String alias : new String[] {"model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight",
                "lm_head.weight"}) {
            assertArrayEquals(new long[] {862, 128}, t.get(alias).shape(), alias);
            assertArrayEquals(shared, CheckpointFiles.bytes(t.get(alias)), alias);
        }
    }

    @Test
    void notAZipIsRefused() throws IOException {
        assertRefused(Files.write(tmp.resolve("x.bin"), "PK\3\4 definitely not a zip".getBytes()), "not a torch zip");
        assertRefused(Files.write(tmp.resolve("e.bin"), new byte[0]), "not a torch zip");
    }

    @Test
    void zipWithoutDataPklIsRefused() throws IOException {
        Map<String, byte[]> entries = CheckpointFiles.unzip(FIXTURE_BIN);
        entries.remove("pytorch_model/data.pkl");
        assertRefused(CheckpointFiles.zip(tmp.resolve("n.bin"), entries), "data.pkl");
    }

    @Test
    void truncatedPickleIsRefused() throws IOException {
        Map<String, byte[]> entries = CheckpointFiles.unzip(FIXTURE_BIN);
        byte[] pkl = entries.get("pytorch_model/data.pkl");
        for (int cut : new int[] {0, 1, 7, 100, pkl.length / 2, pkl.length - 1}) {
            entries.put("pytorch_model/data.pkl", Arrays.copyOf(pkl, cut));
            assertRefused(CheckpointFiles.zip(tmp.resolve("t.bin"), entries), "pytorch_model/data.pkl");
        }
    }

    @Test
    void unknownOpcodeIsNamedInHex() throws IOException {
        byte[] pkl = new Pickle().op(0x80, 2, '}', 'i').bytes(); // INST is not supported
        assertRefused(zipWith(pkl, Map.of()), "opcode 0x69");
        assertRefused(zipWith(new Pickle().op(0x80, 2, 0xff).bytes(), Map.of()), "opcode 0xff");
    }

    @Test
    void disallowedGlobalIsRefusedWithoutBeingCalled() throws IOException {
        Path marker = tmp.resolve("pwned");
        byte[] pkl = new Pickle().op(0x80, 2).global("os", "system").str("touch " + marker).op(0x85, 'R', '.').bytes();
        assertRefused(zipWith(pkl, Map.of()), "os.system");
        byte[] stack = new Pickle().op(0x80, 4).str("builtins").str("eval").op(0x93).bytes();
        assertRefused(zipWith(stack, Map.of()), "builtins.eval");
        assertFalse(Files.exists(marker));
    }

    @Test
    void missingOrShortStorageIsRefused() throws IOException {
        byte[] pkl = new Pickle().beginDict()
                .tensor("w", "FloatStorage", "0", 6, 0, ROW, new long[] {6, 1}).endDict().bytes();
        assertRefused(zipWith(pkl, Map.of()), "storage entry archive/data/0 is missing");
        assertRefused(zipWith(pkl, Map.of("0", CheckpointFiles.floats(1, 2, 3))), "has 12 bytes", "need 24");
    }

    @Test
    void viewOutsideItsStorageIsRefused() throws IOException {
        byte[] pkl = new Pickle().beginDict()
                .tensor("w", "FloatStorage", "0", 4, 1, new long[] {2, 2}, new long[] {2, 1}).endDict().bytes();
        assertRefused(zipWith(pkl, Map.of("0", CheckpointFiles.floats(1, 2, 3, 4))), "\"w\"", "outside its storage");
    }

    @Test
    void bigEndianCheckpointsAreRefused() throws IOException {
        byte[] pkl = new Pickle().beginDict().tensor("w", "FloatStorage", "0", 1, 0, new long[] {1}, new long[] {1})
                .endDict().bytes();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pkl);
        entries.put("archive/byteorder", "big".getBytes());
        entries.put("archive/data/0", new byte[4]);
        assertRefused(CheckpointFiles.zip(tmp.resolve("be.bin"), entries), "byte order \"big\"");
    }

    @Test
    void nonTensorStateDictValuesAreRefused() throws IOException {
        byte[] pkl = new Pickle().beginDict().str("step").integer(5).endDict().bytes();
        assertRefused(zipWith(pkl, Map.of()), "step", "not a tensor");
    }

    private Map<String, RawTensor> read(byte[] pkl, Map<String, byte[]> storages) throws IOException {
        return TorchCheckpointReader.read(zipWith(pkl, storages));
    }

    private Path zipWith(byte[] pkl, Map<String, byte[]> storages) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pkl);
        storages.forEach((k, v) -> entries.put("archive/data/" + k, v));
        entries.put("archive/version", "3\n".getBytes());
        return CheckpointFiles.zip(Files.createTempFile(tmp, "ckpt", ".bin"), entries);
    }

    private static void assertRefused(Path file, String... fragments) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TorchCheckpointReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected \"" + f + "\" in: " + e.getMessage());
        }
    }
}
