package dev.tarjama.export;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * A GitHub-flavoured Markdown table for chat and wikis: a title, a line naming the model and date,
 * then one row per sentence with the columns paragraph, sentence, Arabic, English, score.
 *
 * <p>Escaping, so that a cell can neither end the row nor the table nor become markup: the
 * characters that are significant inline ({@code \ ` * _ [ ] | ~ $}) are backslash-escaped;
 * {@code & < >} become entities, so the text can never produce HTML; a line break inside a
 * sentence (CR, LF or CRLF) becomes {@code <br>}; a TAB becomes a space.
 *
 * <p>Right to left: the Arabic column is right-aligned and each Arabic cell is wrapped in
 * {@code <span dir="rtl">…</span>} (the only other tag we write). Both pandoc (its {@code markdown}
 * and {@code gfm} readers) and GitHub keep that attribute, and a {@code dir} span is a bidi isolate,
 * so the sentence's final period and closing {@code »} are placed at its left end, as in Arabic.
 */
final class MarkdownExporter implements Exporter {
    /** Inline-significant characters; block syntax cannot start inside a cell or after "# ". */
    private static final String SPECIAL = "\\`*_[]|~$";

    @Override
    public ExportFormat format() {
        return ExportFormat.MD;
    }

    @Override
    public void write(TranslatedDocument doc, ExportContext ctx, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("# " + escape(Texts.title(doc, ctx)) + "\n\n");
        w.write("Model " + escape(doc.model().id()) + " (revision " + escape(doc.model().revision()) + "), "
                + DateTimeFormatter.ISO_INSTANT.format(ctx.created()) + ", "
                + escape(ctx.toolName() + " " + ctx.toolVersion()) + "\n\n");
        w.write("| Paragraph | Sentence | Arabic | English | Score |\n");
        w.write("|---:|---:|---:|---|---:|\n");
        for (TranslatedParagraph p : doc.paragraphs()) {
            for (TranslatedSentence s : Texts.rows(p)) {
                w.write("| " + Texts.index(p.index()) + " | " + Texts.index(s.index()) + " | "
                        + rtl(escape(s.source())) + " | " + escape(s.translation()) + " | "
                        + Texts.score(s.score()) + " |\n");
            }
        }
        w.flush();
    }

    /**
     * An Arabic cell: wrapped in {@code <span dir="rtl">} (which HTML isolates), so that pandoc and
     * GitHub lay it out right to left: the final period and a closing {@code »} stay at its left end.
     * An empty cell stays empty.
     */
    static String rtl(String escaped) {
        return escaped.isEmpty() ? escaped : "<span dir=\"rtl\">" + escaped + "</span>";
    }

    /** Escapes text for one Markdown table cell (or a heading line). */
    static String escape(String text) {
        String s = Texts.clean(text);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\t' -> b.append(' ');
                case '\r' -> {
                    b.append("<br>");
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n' -> b.append("<br>");
                default -> {
                    if (SPECIAL.indexOf(c) >= 0) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }
}
