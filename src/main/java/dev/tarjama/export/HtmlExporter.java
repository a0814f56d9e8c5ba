package dev.tarjama.export;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A self-contained side-by-side HTML page (inline CSS, no scripts, fonts or other external
 * resources). Each paragraph is a {@code <section class="row">}; inside it each sentence is a
 * {@code <div class="pair">} holding the Arabic ({@code lang="ar" dir="rtl"}) and the English
 * ({@code lang="en" dir="ltr"}) side by side, so sentences line up. On narrow screens the two
 * columns stack; in print (A4) rows and pairs are not cut across pages. The header names the
 * model id, revision and date.
 *
 * <p>All text is escaped ({@code & < > " '} as entities, CR as {@code &#13;}), so no input can
 * open an element or leave an attribute.
 */
final class HtmlExporter implements Exporter {
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static final String CSS = """
            :root{--ar:"Noto Naskh Arabic","Amiri","Geeza Pro","Traditional Arabic","Arial",sans-serif;\
            --en:Georgia,"Times New Roman",serif}
            *{box-sizing:border-box}
            body{margin:0 auto;max-width:76rem;padding:1rem;font:16px/1.5 system-ui,"Segoe UI",Arial,sans-serif;\
            color:#111;background:#fff}
            header{border-bottom:2px solid #222;margin-bottom:.5rem}
            h1{font-size:1.45rem;margin:.2rem 0}
            .meta{color:#444;font-size:.9rem;margin:.2rem 0 .6rem}
            .heads,.pair{display:grid;grid-template-columns:1fr 1fr;gap:0 1.5rem}
            .heads{font-weight:bold;color:#444;border-bottom:1px solid #999;padding:.25rem 0}
            .row{border-bottom:1px solid #ccc;padding:.5rem 0;break-inside:avoid;page-break-inside:avoid}
            .pair{padding:.15rem 0;break-inside:avoid;page-break-inside:avoid}
            .pair p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
            .ar{font-family:var(--ar);font-size:1.15em;line-height:1.8;text-align:right}
            .en{font-family:var(--en)}
            footer{color:#555;font-size:.8rem;margin-top:1rem}
            .review .en{background:#fff4e0;border-inline-start:3px solid #c2410c;padding-inline-start:.3rem}
            .flag{display:block;color:#9a3412;font-size:.8rem;font-family:system-ui,sans-serif}
            @media (max-width:40rem){.heads{display:none}.pair{grid-template-columns:1fr}\
            .pair .en{border-bottom:1px dotted #ccc;padding-bottom:.2rem}}
            @media print{@page{size:A4;margin:15mm}body{max-width:none;padding:0;font-size:10.5pt}\
            .row,.pair{break-inside:avoid;page-break-inside:avoid}header{break-after:avoid}}
            """;

    @Override
    public ExportFormat format() {
        return ExportFormat.HTML;
    }

    @Override
    public void write(TranslatedDocument doc, ExportContext ctx, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        String title = escape(Texts.title(doc, ctx));
        int sentences = 0;
        for (TranslatedParagraph p : doc.paragraphs()) {
            sentences += Texts.rows(p).size();
        }
        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.write("<meta name=\"generator\" content=\"" + escape(ctx.toolName() + " " + ctx.toolVersion()) + "\">\n");
        w.write("<title>" + title + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n");
        w.write("<header>\n<h1>" + title + "</h1>\n");
        w.write("<p class=\"meta\">Machine translation by model <code class=\"model\">" + escape(doc.model().id())
                + "</code>, revision <code class=\"revision\">" + escape(doc.model().revision()) + "</code> · <time datetime=\""
                + DateTimeFormatter.ISO_INSTANT.format(ctx.created()) + "\">" + SHOWN.format(ctx.created())
                + "</time> · " + doc.paragraphs().size() + " paragraphs, " + sentences + " sentences</p>\n");
        w.write("</header>\n<main>\n");
        w.write("<div class=\"heads\" aria-hidden=\"true\"><div class=\"ar\" lang=\"ar\" dir=\"rtl\">العربية</div>"
                + "<div class=\"en\">English</div></div>\n");
        for (TranslatedParagraph p : doc.paragraphs()) {
            w.write("<section class=\"row\" data-p=\"" + p.index() + "\">\n");
            for (TranslatedSentence s : Texts.rows(p)) {
                String note = Texts.reviewNote(s);
                w.write("<div class=\"pair" + (note == null ? "" : " review") + "\" data-s=\"" + Texts.index(s.index()) + "\">"
                        + "<p class=\"ar\" lang=\"ar\" dir=\"rtl\">" + escape(s.source()) + "</p>"
                        + "<p class=\"en\" lang=\"en\" dir=\"ltr\">" + escape(s.translation())
                        + (note == null ? "" : "<span class=\"flag\">\u2691 " + escape(note) + "</span>")
                        + "</p></div>\n");
            }
            w.write("</section>\n");
        }
        w.write("</main>\n<footer>Generated by " + escape(ctx.toolName() + " " + ctx.toolVersion())
                + ". Machine translation: check before publishing.</footer>\n</body>\n</html>\n");
        w.flush();
    }

    /** Escapes text for HTML element content and double- or single-quoted attribute values. */
    static String escape(String text) {
        String s = Texts.clean(text);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\r' -> b.append("&#13;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
