package dev.tarjama.export;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Optional;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackageProperties;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/**
 * A Word document written with Apache POI (XWPF), A4 portrait: a title, a line naming model and date, and a
 * two-column table with a header row ("Arabic", "English") and one row per sentence. Arabic cells
 * are right-to-left paragraphs ({@code <w:bidi/>}) with right-to-left runs ({@code <w:rtl/>},
 * {@code <w:lang w:bidi="ar"/>}); English cells are left-to-right. The rows of every second article
 * paragraph are shaded so paragraph boundaries stay visible; rows do not split across pages and the header
 * row repeats on each page. Text goes into plain runs, so no input can become Word markup.
 */
final class DocxExporter implements Exporter {
    static final int A4_WIDTH = 11906;
    static final int A4_HEIGHT = 16838;
    static final String HEADER_SHADE = "D9D9D9";
    static final String PARAGRAPH_SHADE = "F2F2F2";

    @Override
    public ExportFormat format() {
        return ExportFormat.DOCX;
    }

    @Override
    public void write(TranslatedDocument doc, ExportContext ctx, OutputStream out) throws IOException {
        try (XWPFDocument d = new XWPFDocument()) {
            String title = Texts.title(doc, ctx);
            PackageProperties props;
            try {
                props = d.getPackage().getPackageProperties();
            } catch (InvalidFormatException e) {
                throw new IOException("cannot set document properties", e);
            }
            props.setTitleProperty(title);
            props.setCreatorProperty(Texts.clean(ctx.toolName() + " " + ctx.toolVersion()));
            props.setCreatedProperty(Optional.of(Date.from(ctx.created())));
            props.setModifiedProperty(Optional.of(Date.from(ctx.created())));

            a4(d);
            XWPFParagraph h = d.createParagraph();
            XWPFRun hr = h.createRun();
            hr.setBold(true);
            hr.setFontSize(16);
            hr.setText(title);

            XWPFParagraph meta = d.createParagraph();
            meta.createRun().setText("Machine translation by model " + Texts.clean(doc.model().id()) + ", revision "
                    + Texts.clean(doc.model().revision()) + ", " + DateTimeFormatter.ISO_INSTANT.format(ctx.created()));

            XWPFTable table = d.createTable(1, 2);
            table.setWidth("100%");
            XWPFTableRow head = table.getRow(0);
            head.setRepeatHeader(true);
            fill(head.getCell(0), "Arabic", false, true);
            fill(head.getCell(1), "English", false, true);
            head.getCell(0).setColor(HEADER_SHADE);
            head.getCell(1).setColor(HEADER_SHADE);
            int paragraph = 0;
            for (TranslatedParagraph p : doc.paragraphs()) {
                boolean shaded = paragraph++ % 2 == 1;
                for (TranslatedSentence s : Texts.rows(p)) {
                    XWPFTableRow row = table.createRow();
                    row.setCantSplitRow(true);
                    fill(row.getCell(0), s.source(), true, false);
                    fill(row.getCell(1), s.translation(), false, false);
                    String note = Texts.reviewNote(s);
                    if (note != null) {
                        XWPFRun flag = row.getCell(1).addParagraph().createRun();
                        flag.setItalic(true);
                        flag.setColor("9A3412");
                        flag.setText("\u2691 " + note);
                    }
                    if (shaded) {
                        row.getCell(0).setColor(PARAGRAPH_SHADE);
                        row.getCell(1).setColor(PARAGRAPH_SHADE);
                    }
                }
            }
            d.write(out);
        }
        out.flush();
    }

    /** A4 portrait with 2 cm margins (sizes in twentieths of a point). */
    private static void a4(XWPFDocument d) {
        CTSectPr sect = d.getDocument().getBody().isSetSectPr()
                ? d.getDocument().getBody().getSectPr() : d.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
        size.setW(BigInteger.valueOf(A4_WIDTH));
        size.setH(BigInteger.valueOf(A4_HEIGHT));
        CTPageMar margin = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
        BigInteger twoCm = BigInteger.valueOf(1134);
        margin.setTop(twoCm);
        margin.setBottom(twoCm);
        margin.setLeft(twoCm);
        margin.setRight(twoCm);
        margin.setHeader(BigInteger.valueOf(708)); // header, footer and gutter are required attributes
        margin.setFooter(BigInteger.valueOf(708));
        margin.setGutter(BigInteger.ZERO);
    }

    /**
     * Puts {@code text} into the cell's single paragraph, right-to-left if {@code rtl}. Tabs become
     * {@code <w:tab/>} and line breaks (LF, CR or CRLF) {@code <w:br/>}, each in its own run, so Word
     * shows them and POI reads them back as {@code \t} and {@code \n}.
     */
    private static void fill(XWPFTableCell cell, String text, boolean rtl, boolean bold) {
        cell.setWidth("50%");
        XWPFParagraph para = cell.getParagraphs().get(0);
        if (rtl) {
            (para.getCTP().isSetPPr() ? para.getCTP().getPPr() : para.getCTP().addNewPPr()).addNewBidi();
        }
        String clean = Texts.clean(text).replace("\r\n", "\n").replace('\r', '\n');
        int from = 0;
        for (int i = 0; i <= clean.length(); i++) {
            char c = i < clean.length() ? clean.charAt(i) : 0;
            if (i == clean.length() || c == '\t' || c == '\n') {
                if (i > from || (i == clean.length() && from == 0)) {
                    run(para, rtl, bold).setText(clean.substring(from, i));
                }
                if (c == '\t') {
                    run(para, rtl, bold).addTab();
                } else if (c == '\n') {
                    run(para, rtl, bold).addBreak();
                }
                from = i + 1;
            }
        }
    }

    private static XWPFRun run(XWPFParagraph para, boolean rtl, boolean bold) {
        XWPFRun run = para.createRun();
        if (bold) {
            run.setBold(true);
        }
        if (rtl) {
            CTRPr rPr = run.getCTR().isSetRPr() ? run.getCTR().getRPr() : run.getCTR().addNewRPr();
            rPr.addNewRtl();
            rPr.addNewLang().setBidi("ar");
        }
        return run;
    }
}
