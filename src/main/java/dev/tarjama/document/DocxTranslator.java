package dev.tarjama.document;

import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.TranslatedDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.poi.xwpf.usermodel.IBody;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;

/**
 * Translates a Word file into a Word file (Apache POI): body paragraphs and headings, table cells
 * (nested tables too), footnotes, headers and footers. Each paragraph becomes an HTML paragraph
 * whose formatted runs (bold, italic, underline, hyperlinks, anything with run properties other than
 * the paragraph's first run's) are inline elements, so runs are carried onto the translation exactly
 * as inline HTML is ({@link HtmlTranslator}); the paragraph's runs are then rebuilt from the result,
 * each new run with its source run's properties (a hyperlink keeps its target URI). Right-to-left
 * paragraph and run settings are cleared and the document's language is set to English.
 */
public final class DocxTranslator {
    private final HtmlTranslator html;

    public DocxTranslator(HtmlTranslator html) {
        this.html = Objects.requireNonNull(html, "html");
    }

    /** The translated file and its aligned document (paragraph paths such as {@code body/table[0]/row[1]/cell[0]/p[0]}). */
    public record DocxTranslation(byte[] docx, TranslatedDocument document, List<String> paths) {}

    public DocxTranslation translate(byte[] docx, DecodeOptions options, Duration timeout) {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<XWPFParagraph> paragraphs = new ArrayList<>();
            List<String> where = new ArrayList<>();
            collect(doc, "body", paragraphs, where);
            for (int i = 0; i < doc.getFootnotes().size(); i++) {
                collect(doc.getFootnotes().get(i), "footnote[" + i + "]", paragraphs, where);
            }
            for (int i = 0; i < doc.getHeaderList().size(); i++) {
                collect(doc.getHeaderList().get(i), "header[" + i + "]", paragraphs, where);
            }
            for (int i = 0; i < doc.getFooterList().size(); i++) {
                collect(doc.getFooterList().get(i), "footer[" + i + "]", paragraphs, where);
            }
            StringBuilder page = new StringBuilder("<html><body>");
            List<List<XWPFRun>> runs = new ArrayList<>();
            for (int k = 0; k < paragraphs.size(); k++) {
                runs.add(List.copyOf(paragraphs.get(k).getRuns()));
                page.append("<p id=\"p").append(k).append("\">").append(inline(runs.get(k))).append("</p>");
            }
            page.append("</body></html>");
            HtmlTranslation t = html.translate(page.toString(), options, timeout);
            Document out = Jsoup.parse(t.html());
            for (int k = 0; k < paragraphs.size(); k++) {
                Element p = out.getElementById("p" + k);
                if (p != null && !runs.get(k).isEmpty() && changed(p, runs.get(k))) {
                    rebuild(paragraphs.get(k), runs.get(k), p);
                }
            }
            doc.createStyles().setSpellingLanguage("en-US");
            List<String> paths = new ArrayList<>();
            for (String selector : t.paths()) {
                paths.add(where.get(Integer.parseInt(selector.substring(selector.indexOf("#p") + 2).split("[^0-9]")[0])));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.write(bytes);
            return new DocxTranslation(bytes.toByteArray(), t.document(), paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(IBody body, String path, List<XWPFParagraph> out, List<String> where) {
        int p = 0;
        int t = 0;
        for (IBodyElement e : body.getBodyElements()) {
            if (e instanceof XWPFParagraph paragraph) {
                out.add(paragraph);
                where.add(path + "/p[" + p++ + "]");
            } else if (e instanceof XWPFTable table) {
                String tablePath = path + "/table[" + t++ + "]";
                List<XWPFTableRow> rows = table.getRows();
                for (int r = 0; r < rows.size(); r++) {
                    List<XWPFTableCell> cells = rows.get(r).getTableCells();
                    for (int c = 0; c < cells.size(); c++) {
                        collect(cells.get(c), tablePath + "/row[" + r + "]/cell[" + c + "]", out, where);
                    }
                }
            }
        }
    }

    /** The paragraph as inline HTML: plain runs as text, the others as {@code <span data-r=i>}. */
    private static String inline(List<XWPFRun> runs) {
        StringBuilder out = new StringBuilder();
        String base = runs.isEmpty() ? "" : properties(runs.get(0));
        for (int i = 0; i < runs.size(); i++) {
            XWPFRun run = runs.get(i);
            String text = Entities.escape(run.text());
            if (run instanceof XWPFHyperlinkRun || !properties(run).equals(base) || text.isEmpty()) {
                out.append("<span data-r=\"").append(i).append("\">").append(text).append("</span>");
            } else {
                out.append(text);
            }
        }
        return out.toString();
    }

    private static String properties(XWPFRun run) {
        return run.getCTR().getRPr() == null ? "" : run.getCTR().getRPr().xmlText();
    }

    /** Whether the translated paragraph differs from the source (untranslated paragraphs are left alone). */
    private static boolean changed(Element p, List<XWPFRun> runs) {
        StringBuilder source = new StringBuilder();
        runs.forEach(r -> source.append(r.text()));
        return !p.wholeText().equals(source.toString());
    }

    private static void rebuild(XWPFParagraph paragraph, List<XWPFRun> source, Element translated) {
        List<CTR> copies = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (XWPFRun r : source) {
            copies.add((CTR) r.getCTR().copy());
            links.add(r instanceof XWPFHyperlinkRun h ? target(paragraph, h.getHyperlinkId()) : null);
        }
        for (int i = paragraph.getRuns().size() - 1; i >= 0; i--) {
            paragraph.removeRun(i);
        }
        if (paragraph.getCTP().getPPr() != null && paragraph.getCTP().getPPr().isSetBidi()) {
            paragraph.getCTP().getPPr().unsetBidi();
        }
        CTR base = copies.get(0);
        for (Node n : translated.childNodes()) {
            emit(paragraph, n, base, copies, links);
        }
    }

    /** The URI a hyperlink relationship points to (createHyperlinkRun adds its own relationship). */
    private static String target(XWPFParagraph paragraph, String rId) {
        try {
            return paragraph.getPart().getPackagePart().getRelationship(rId).getTargetURI().toString();
        } catch (RuntimeException e) {
            return null; // an internal link (anchor) or a broken one: the text is kept as a plain run
        }
    }

    private static void emit(XWPFParagraph paragraph, Node n, CTR base, List<CTR> copies, List<String> links) {
        if (n instanceof TextNode t) {
            if (!t.getWholeText().isEmpty()) {
                addRun(paragraph, base, null, t.getWholeText());
            }
        } else if (n instanceof Element e && e.hasAttr("data-r")) {
            int i = Integer.parseInt(e.attr("data-r"));
            boolean point = e.wholeText().isEmpty() && copies.get(i).sizeOfTArray() == 0;
            addRun(paragraph, copies.get(i), links.get(i), point ? null : e.wholeText());
        } else if (n instanceof Element e) {
            for (Node child : e.childNodes()) {
                emit(paragraph, child, base, copies, links);
            }
        }
    }

    /**
     * Appends a run: with {@code text}, a run with the template's properties only; without
     * ({@code text == null}), a copy of the whole template run (a footnote reference, a drawing).
     */
    private static void addRun(XWPFParagraph paragraph, CTR template, String link, String text) {
        XWPFRun run = link != null ? paragraph.createHyperlinkRun(link) : paragraph.createRun();
        if (text == null && link == null) {
            run.getCTR().set(template);
        } else if (template.getRPr() != null) {
            run.getCTR().setRPr(template.getRPr());
        }
        if (text != null) {
            run.setText(text, 0);
        }
        if (run.getCTR().getRPr() != null) {
            while (run.getCTR().getRPr().sizeOfRtlArray() > 0) {
                run.getCTR().getRPr().removeRtl(0);
            }
        }
        run.setLang("en-US");
    }
}
