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
 * CSV and TSV with RFC 4180 quoting (one class, two instances, differing only in the delimiter):
 * a header row {@code paragraph, sentence, arabic, english, score}, then one row per sentence, CRLF
 * line ends, UTF-8 without BOM. A field is quoted when it contains the delimiter, a quote, CR or LF
 * (for TSV also a TAB, which is the delimiter); quotes inside are doubled. Indices are the document's
 * (0-based); the score has four decimals. Text is otherwise written unchanged (apart from the
 * characters {@link Texts#clean} removes from every export).
 */
final class DelimitedExporter implements Exporter {
    static final DelimitedExporter CSV = new DelimitedExporter(ExportFormat.CSV, ',');
    static final DelimitedExporter TSV = new DelimitedExporter(ExportFormat.TSV, '\t');
    static final List<String> HEADER = List.of("paragraph", "sentence", "arabic", "english", "score");

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
        row(w, HEADER);
        for (TranslatedParagraph p : doc.paragraphs()) {
            for (TranslatedSentence s : Texts.rows(p)) {
                row(w, List.of(Texts.index(p.index()), Texts.index(s.index()),
                        s.source(), s.translation(), Texts.score(s.score())));
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

    /** One field, cleaned and quoted if needed. */
    String field(String value) {
        String v = Texts.clean(value);
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == delimiter || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
