package dev.tarjama.export;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV and TSV: a header row {@code paragraph, sentence, arabic, english, score}, then one row per
 * sentence, CRLF line ends, UTF-8. Indices are the document's (0-based); the score has four decimals.
 *
 * <ul>
 *   <li>CSV: RFC 4180 quoting (a field with a comma, quote, CR or LF is quoted, quotes doubled) and,
 *       by default, a UTF-8 byte order mark so that a spreadsheet opened by double-click reads UTF-8
 *       ({@link ExportOptions#csvBom}).</li>
 *   <li>TSV: in the style of the glossary TSV, never quoted: a TAB, CR, LF or CRLF inside a text
 *       becomes one space, so splitting every line on TAB gives five columns. No BOM.</li>
 * </ul>
 *
 * <p>Formula injection: by default ({@link ExportOptions#escapeFormulas}) an Arabic or English text
 * that starts with {@code =}, {@code +}, {@code -}, {@code @} (or their full-width forms), TAB or
 * CR gets a leading {@code '}, so spreadsheets show it as text instead of evaluating it (OWASP's
 * advice). Indices and scores are numbers we write and are never prefixed. Text is otherwise
 * written unchanged (apart from the characters {@link Texts#clean} removes from every export).
 */
final class DelimitedExporter implements Exporter {
    static final DelimitedExporter CSV = new DelimitedExporter(ExportFormat.CSV, ',');
    static final DelimitedExporter TSV = new DelimitedExporter(ExportFormat.TSV, '\t');
    static final List<String> HEADER = List.of("paragraph", "sentence", "arabic", "english", "score");
    /** First characters that make a spreadsheet read a cell as a formula (ASCII and full-width). */
    static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private final ExportFormat format;
    private final char delimiter;

    private DelimitedExporter(ExportFormat format, char delimiter) {
        this.format = format;
        this.delimiter = delimiter;
    }

    @Override
    public ExportFormat format() {
        return format;
    }

    @Override
    public void write(TranslatedDocument doc, ExportContext ctx, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (format == ExportFormat.CSV && ctx.options().csvBom()) {
            w.write('\uFEFF');
        }
        row(w, HEADER);
        boolean escape = ctx.options().escapeFormulas();
        for (TranslatedParagraph p : doc.paragraphs()) {
            for (TranslatedSentence s : Texts.rows(p)) {
                row(w, List.of(Texts.index(p.index()), Texts.index(s.index()),
                        text(s.source(), escape), text(s.translation(), escape), Texts.score(s.score())));
            }
        }
        w.flush();
    }

    private void row(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(delimiter);
            }
            w.write(field(fields.get(i)));
        }
        w.write("\r\n");
    }

    /** A text cell before quoting: for TSV on one line without tabs, and formula-escaped if asked. */
    String text(String value, boolean escapeFormulas) {
        String v = Texts.clean(value);
        if (format == ExportFormat.TSV) {
            v = v.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        }
        return escapeFormulas ? escapeFormula(v) : v;
    }

    /** {@code '} before a text a spreadsheet would evaluate. */
    static String escapeFormula(String v) {
        return !v.isEmpty() && FORMULA_STARTS.indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }

    /** One field, cleaned and, for CSV, quoted if needed. */
    String field(String value) {
        String v = Texts.clean(value);
        if (format == ExportFormat.TSV) {
            return v.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        }
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == delimiter || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
