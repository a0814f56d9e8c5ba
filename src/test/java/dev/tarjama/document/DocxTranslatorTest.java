package dev.tarjama.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.TranslationService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DocxTranslatorTest {
    private static final DecodeOptions OPTS = new DecodeOptions(1, 64);
    private final FakeEngine engine = new FakeEngine();
    private final TranslationService service = new TranslationService(engine);
    private final DocxTranslator translator = new DocxTranslator(new HtmlTranslator(service));

    @AfterEach
    void close() {
        service.close();
    }

    private static byte[] article() throws Exception {
        try (XWPFDocument d = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph heading = d.createParagraph();
            heading.setStyle("Heading1");
            heading.createRun().setText("قمة في موسكو");
            XWPFParagraph p = d.createParagraph();
            p.getCTP().addNewPPr().addNewBidi();
            p.createRun().setText("قال ");
            XWPFRun bold = p.createRun();
            bold.setBold(true);
            bold.setText("الوزير");
            p.createRun().setText(" إن المحادثات ");
            XWPFHyperlinkRun link = p.createHyperlinkRun("https://example.com/talks");
            link.setItalic(true);
            link.setText("ستستمر");
            p.createRun().setText(".");
            XWPFTable table = d.createTable(1, 2);
            table.getRow(0).getCell(0).setText("خلية أولى");
            table.getRow(0).getCell(1).setText("2024");
            XWPFFootnote note = d.createFootnotes().createFootnote();
            note.createParagraph().createRun().setText("مصدر الخبر وكالة أنباء.");
            d.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void paragraphsHeadingsTablesAndFootnotesAreTranslatedAndRunFormattingIsCarried() throws Exception {
        DocxTranslator.DocxTranslation t = translator.translate(article(), OPTS, null);
        try (XWPFDocument d = new XWPFDocument(new ByteArrayInputStream(t.docx()))) {
            List<XWPFParagraph> body = d.getParagraphs();
            assertEquals(FakeEngine.expected("قمة في موسكو"), body.get(0).getText());
            assertEquals("Heading1", body.get(0).getStyle());
            XWPFParagraph p = body.get(1);
            assertEquals(FakeEngine.expected("قال الوزير إن المحادثات ستستمر."), p.getText());
            XWPFRun bold = p.getRuns().stream().filter(XWPFRun::isBold).findFirst().orElseThrow();
            assertEquals("الوزير", bold.text(), "the fake engine copies words, so the bold run keeps its word");
            XWPFHyperlinkRun link = (XWPFHyperlinkRun) p.getRuns().stream().filter(r -> r instanceof XWPFHyperlinkRun)
                    .findFirst().orElseThrow();
            assertEquals("https://example.com/talks",
                    d.getPackagePart().getRelationship(link.getHyperlinkId()).getTargetURI().toString());
            assertEquals("ستستمر", link.text());
            assertTrue(link.isItalic());
            assertFalse(p.getCTP().getPPr().isSetBidi(), "right-to-left paragraph setting cleared");
            XWPFTable table = d.getTables().get(0);
            assertEquals(FakeEngine.expected("خلية أولى"), table.getRow(0).getCell(0).getText());
            assertEquals("2024", table.getRow(0).getCell(1).getText(), "a cell without Arabic is passed through");
            assertEquals(FakeEngine.expected("مصدر الخبر وكالة أنباء."), d.getFootnotes().get(0).getParagraphs().get(0).getText());
            assertTrue(new String(d.getStyles().getPackagePart().getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).contains("en-US"), "document language set to English");
        }
        assertTrue(t.paths().contains("body/p[1]"), t.paths().toString());
        assertTrue(t.paths().contains("footnote[0]/p[0]"), t.paths().toString());
        assertTrue(t.paths().contains("body/table[0]/row[0]/cell[0]/p[0]"), t.paths().toString());
    }
}
