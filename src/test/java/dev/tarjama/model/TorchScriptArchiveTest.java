package dev.tarjama.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class TorchScriptArchiveTest {
    @Test
    void theArchiveHoldsTheModulePickleTheSourceAndTheVersionUncompressed() throws IOException {
        byte[] zip = TorchScriptArchive.write("K", "  def forward(self: __torch__.K, x: Tensor) -> Tensor:\n    return x\n");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(java.util.List.of("K/data.pkl", "K/code/__torch__.py", "K/constants.pkl", "K/version"),
                java.util.List.copyOf(entries.keySet()));
        String source = new String(entries.get("K/code/__torch__.py"), StandardCharsets.UTF_8);
        assertTrue(source.startsWith("class K(Module):\n") && source.contains("training : bool")
                && source.contains("def forward"), source);
        assertEquals(TorchScriptArchive.FORMAT_VERSION + "\n", new String(entries.get("K/version"), StandardCharsets.US_ASCII));
        // protocol 2: GLOBAL __torch__ K, EMPTY_TUPLE, NEWOBJ, {"training": False}, BUILD, STOP
        byte[] expected = new byte[] {(byte) 0x80, 2, 'c', '_', '_', 't', 'o', 'r', 'c', 'h', '_', '_', '\n', 'K', '\n',
            ')', (byte) 0x81, '}', 'X', 8, 0, 0, 0, 't', 'r', 'a', 'i', 'n', 'i', 'n', 'g', (byte) 0x89, 's', 'b', '.'};
        assertArrayEquals(expected, entries.get("K/data.pkl"));
        assertArrayEquals(new byte[] {(byte) 0x80, 2, ')', '.'}, entries.get("K/constants.pkl"));
    }

    @Test
    void aClassNameThatIsNoIdentifierIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TorchScriptArchive.write("not a name", ""));
    }
}
