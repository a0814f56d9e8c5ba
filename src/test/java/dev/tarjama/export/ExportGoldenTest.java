package dev.tarjama.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Golden-file tests: every format rendered from the example article with a fixed context must equal
 * the reviewed file under {@code src/test/resources/export-golden/}. DOCX is compared as the text
 * and table structure POI reads back ({@link DocxDump}), not as zip bytes.
 *
 * <p>To regenerate after an intended change, run
 * {@code ./mvnw -q -B test -Dtest=ExportGoldenTest -Dexport.golden.update=true}, then review the
 * diff with {@code git diff src/test/resources/export-golden} before committing.
 */
class ExportGoldenTest {
    static final Path GOLDEN = ExampleArticle.RESOURCES.resolve("export-golden");
    static final boolean UPDATE = Boolean.getBoolean("export.golden.update");

    @Test
    void exampleFixtureHasTheArticlesParagraphsAndSentences() {
        TranslatedDocument doc = ExampleArticle.document();
        String text = ExampleArticle.text();
        assertEquals(16, doc.paragraphs().size());
        assertEquals(24, doc.paragraphs().stream().mapToInt(p -> p.sentences().size()).sum());
        for (TranslatedParagraph p : doc.paragraphs()) {
            assertEquals(text.substring(p.start(), p.end()), p.source());
            p.sentences().forEach(s -> assertEquals(text.substring(s.start(), s.end()), s.source()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = "DOCX", mode = EnumSource.Mode.EXCLUDE)
    void textExportOfExampleArticleMatchesGoldenFile(ExportFormat format) throws IOException {
        byte[] bytes = Exporters.toBytes(ExampleArticle.document(), format, ExampleArticle.CONTEXT);
        compare(GOLDEN.resolve("example-" + format.requestName() + "." + format.extension()),
                new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void docxOfExampleArticleMatchesGoldenTableDump() throws IOException {
        byte[] bytes = Exporters.toBytes(ExampleArticle.document(), ExportFormat.DOCX, ExampleArticle.CONTEXT);
        compare(GOLDEN.resolve("example-docx.txt"), DocxDump.describe(bytes));
    }

    @Test
    void sameInputGivesIdenticalTextOutput() {
        for (ExportFormat f : ExportFormat.values()) {
            if (f.isText()) {
                String a = new String(Exporters.toBytes(ExampleArticle.document(), f, ExampleArticle.CONTEXT), StandardCharsets.UTF_8);
                String b = new String(Exporters.toBytes(ExampleArticle.document(), f, ExampleArticle.CONTEXT), StandardCharsets.UTF_8);
                assertEquals(a, b, f.name());
            }
        }
    }

    private static void compare(Path golden, String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            System.out.println("updated golden file " + golden);
            return;
        }
        assertTrue(Files.exists(golden), "missing golden file " + golden
                + " (write it with -Dexport.golden.update=true and review it)");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "differs from " + golden);
    }
}
