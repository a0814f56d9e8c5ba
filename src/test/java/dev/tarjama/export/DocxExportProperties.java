package dev.tarjama.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedSentence;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The DOCX export of hostile text opens in POI with a two-column table: one header row plus one
 * row per sentence, Arabic cells right-to-left, English left-to-right, and every cell's text read
 * back unchanged (line breaks as LF). Fewer tries: POI is slow.
 */
class DocxExportProperties {
    @Provide
    Arbitrary<TranslatedDocument> documents() {
        return HostileText.documents();
    }

    @Property(tries = 40)
    void docxTableCarriesEveryPairWithDirection(@ForAll("documents") TranslatedDocument doc) {
        byte[] bytes = Exporters.toBytes(doc, ExportFormat.DOCX, new ExportContext("t", Instant.EPOCH, "Tarjama", "test"));
        List<List<DocxDump.Cell>> rows = DocxDump.table(DocxDump.open(bytes));
        List<TranslatedSentence> sentences = HostileText.sentences(doc);
        assertEquals(sentences.size() + 1, rows.size());
        for (int i = 0; i < sentences.size(); i++) {
            List<DocxDump.Cell> row = rows.get(i + 1);
            assertEquals(2, row.size());
            assertTrue(row.get(0).rtl(), "Arabic cell is right-to-left");
            assertFalse(row.get(1).rtl(), "English cell is left-to-right");
            assertEquals(lines(sentences.get(i).source()), row.get(0).text());
            assertEquals(lines(sentences.get(i).translation()), row.get(1).text());
        }
    }

    private static String lines(String s) {
        return HostileText.expected(s).replace("\r\n", "\n").replace('\r', '\n');
    }
}
