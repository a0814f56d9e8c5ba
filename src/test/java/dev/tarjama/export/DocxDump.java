package dev.tarjama.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Reads a .docx back with POI and describes what an editor sees: body paragraphs, and for every
 * table row each cell's text with its direction (paragraph {@code bidi} and run {@code rtl} both
 * set → {@code rtl}) and shading. Used for golden comparison instead of zip bytes.
 */
final class DocxDump {
    private DocxDump() {}

    /** One table cell as read back. */
    record Cell(String text, boolean rtl, String shade) {}

    static XWPFDocument open(byte[] docx) {
        try {
            return new XWPFDocument(new ByteArrayInputStream(docx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<List<Cell>> table(XWPFDocument d) {
        if (d.getTables().size() != 1) {
            throw new AssertionError("expected exactly one table, got " + d.getTables().size());
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (XWPFTableRow row : d.getTables().get(0).getRows()) {
            List<Cell> cells = new ArrayList<>();
            for (XWPFTableCell cell : row.getTableCells()) {
                cells.add(new Cell(cell.getText(), rtl(cell), cell.getColor()));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** A text description of the whole document, one line per paragraph or table row. */
    static String describe(byte[] docx) {
        try (XWPFDocument d = open(docx)) {
            StringBuilder b = new StringBuilder();
            b.append("core.title: ").append(d.getProperties().getCoreProperties().getTitle()).append('\n');
            b.append("core.creator: ").append(d.getProperties().getCoreProperties().getCreator()).append('\n');
            var size = d.getDocument().getBody().getSectPr().getPgSz();
            b.append("page: ").append(size.getW()).append(" x ").append(size.getH()).append(" twips\n");
            for (IBodyElement e : d.getBodyElements()) {
                if (e instanceof XWPFParagraph p) {
                    b.append("paragraph: ").append(p.getText()).append('\n');
                } else if (e instanceof XWPFTable) {
                    for (List<Cell> row : table(d)) {
                        b.append("row:");
                        for (Cell c : row) {
                            b.append(" [").append(c.rtl() ? "rtl" : "ltr")
                                    .append(c.shade() == null ? "" : " shade=" + c.shade()).append("] ")
                                    .append(c.text()).append(" |");
                        }
                        b.append('\n');
                    }
                }
            }
            return b.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean rtl(XWPFTableCell cell) {
        for (XWPFParagraph p : cell.getParagraphs()) {
            boolean bidi = p.getCTP().isSetPPr() && p.getCTP().getPPr().isSetBidi();
            boolean runs = !p.getRuns().isEmpty();
            for (XWPFRun r : p.getRuns()) {
                runs &= r.getCTR().isSetRPr() && r.getCTR().getRPr().sizeOfRtlArray() > 0;
            }
            if (!(bidi && runs)) {
                return false;
            }
        }
        return true;
    }
}
