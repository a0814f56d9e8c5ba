package dev.tarjama.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    static String drive(boolean terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal);
        p.started("model.safetensors", 4_000_000, 1_000_000);
        for (long done = 1_000_000; done <= 4_000_000; done += 100_000) {
            p.advanced("model.safetensors", done);
        }
        p.finished("model.safetensors");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainOutputIsWholeLinesAtEachQuarter() {
        String out = drive(false);
        assertFalse(out.contains("\r"));
        assertTrue(out.startsWith("resuming model.safetensors (4.0 MB, 1.0 MB already here)\n"), out);
        assertTrue(out.contains("  model.safetensors: 50% (2.0 MB)\n"), out);
        assertTrue(out.contains("  model.safetensors: 75% (3.0 MB)\n"), out);
        assertFalse(out.contains("25%"), "the quarter already on disk is not reported again");
        assertTrue(out.contains("  model.safetensors: done in "), out);
    }

    @Test
    void aTerminalGetsABarRedrawnInPlaceAndClearedAtTheEnd() {
        String out = drive(true);
        assertTrue(out.contains("\r  [#######"), out);
        assertTrue(out.contains("%"), out);
        String last = out.substring(out.lastIndexOf('\r') + 1);
        assertTrue(last.startsWith("  model.safetensors: done in "), "the bar is wiped before the final line: " + last);
    }

    @Test
    void sizesUseHubUnits() {
        assertEquals("999 B", ConsoleProgress.bytes(999));
        assertEquals("1.5 kB", ConsoleProgress.bytes(1500));
        assertEquals("306.8 MB", ConsoleProgress.bytes(306_800_000));
    }
}
