package dev.tarjama.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabTest {
    @Test
    void fixtureVocabIsDenseWithPadLast() {
        Vocab vocab = Vocab.load(Path.of("models/tiny-ar-en/vocab.json"));
        assertEquals(862, vocab.size());
        assertEquals(0, vocab.id("</s>"));
        assertEquals(1, vocab.id("<unk>"));
        assertEquals("<pad>", vocab.piece(861));
        assertEquals(-1, vocab.id("no such piece"));
    }

    @Test
    void duplicateIdsAreRejected() {
        TokenizerException e = assertThrows(TokenizerException.class,
                () -> new Vocab(Map.of("a", 0, "b", 1, "c", 1), "v.json"));
        assertTrue(e.getMessage().contains("v.json") && e.getMessage().contains("id 1"), e.getMessage());
    }

    @Test
    void gapsAndNegativeIdsAreRejected() {
        assertThrows(TokenizerException.class, () -> new Vocab(Map.of("a", 0, "b", 2), "gap.json"));
        assertThrows(TokenizerException.class, () -> new Vocab(Map.of("a", -1), "neg.json"));
        assertThrows(TokenizerException.class, () -> new Vocab(Map.of(), "empty.json"));
    }

    @Test
    void malformedFilesNameThemselves(@TempDir Path dir) throws IOException {
        Path notObject = dir.resolve("array.json");
        Files.writeString(notObject, "[1, 2]");
        Path fraction = dir.resolve("fraction.json");
        Files.writeString(fraction, "{\"a\": 0.5}");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"a\": 0,");
        for (Path p : new Path[] {notObject, fraction, broken, dir.resolve("missing.json")}) {
            TokenizerException e = assertThrows(TokenizerException.class, () -> Vocab.load(p));
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        }
    }

    @Test
    void idOutsideRangeIsAnIllegalArgument() {
        Vocab vocab = new Vocab(Map.of("a", 0, "b", 1), "ab.json");
        assertThrows(IllegalArgumentException.class, () -> vocab.piece(2));
        assertEquals("b", vocab.piece(1));
    }
}
