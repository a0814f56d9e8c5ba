package dev.tarjama.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The first DOCX export of a process logs nothing alarming: POI logs through the Log4j API, which
 * is routed to SLF4J (log4j-to-slf4j), so Log4j's "could not find a logging provider" ERROR never
 * appears. Runs the export in a fresh JVM (the message is printed once per process) and reads its
 * output.
 */
class DocxLoggingTest {
    /** Exports the example article to DOCX and prints its size; the test's child process. */
    public static void main(String[] args) {
        byte[] docx = Exporters.toBytes(ExampleArticle.document(), ExportFormat.DOCX, ExampleArticle.CONTEXT);
        System.out.println("docx " + docx.length + " bytes");
    }

    @Test
    void theFirstDocxExportOfAProcessLogsNoError() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DocxLoggingTest.class.getName()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the export finished");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("docx ") && output.contains(" bytes"), output);
        assertFalse(output.contains("ERROR") || output.contains("logging provider") || output.contains("StatusLogger"),
                output);
    }
}
