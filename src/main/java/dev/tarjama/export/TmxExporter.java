package dev.tarjama.export;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * TMX 1.4b: one {@code <tu>} per sentence pair, {@code srclang="ar"}, {@code <tuv xml:lang="ar|en">},
 * {@code datatype="plaintext"}, {@code segtype="sentence"}. Model id/revision, paragraph index and
 * score go into {@code <prop type="x-…">} elements, which TM tools keep as custom attributes.
 * No DOCTYPE is written, so loading never tries to fetch {@code tmx14.dtd}.
 */
final class TmxExporter implements Exporter {
    /** TMX dates are ISO 8601 basic format in UTC: {@code YYYYMMDDThhmmssZ}. */
    static final DateTimeFormatter TMX_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Override
    public ExportFormat format() {
        return ExportFormat.TMX;
    }

    @Override
    public void write(TranslatedDocument doc, ExportContext ctx, OutputStream out) {
        String date = TMX_DATE.format(ctx.created());
        XmlWriter x = new XmlWriter(out);
        x.start("tmx", "version", "1.4");
        x.start("header",
                "creationtool", ctx.toolName(),
                "creationtoolversion", ctx.toolVersion(),
                "datatype", "plaintext",
                "segtype", "sentence",
                "adminlang", "en",
                "srclang", "ar",
                "o-tmf", ctx.toolName(),
                "creationdate", date);
        x.element("prop", Texts.title(doc, ctx), "type", "x-title");
        x.element("prop", doc.model().id(), "type", "x-model");
        x.element("prop", doc.model().revision(), "type", "x-model-revision");
        x.end();
        x.start("body");
        int tu = 0;
        for (TranslatedParagraph p : doc.paragraphs()) {
            for (TranslatedSentence s : Texts.rows(p)) {
                tu++;
                x.start("tu", "tuid", Integer.toString(tu), "srclang", "ar", "creationdate", date);
                x.element("prop", Integer.toString(p.index()), "type", "x-paragraph");
                if (s.index() >= 0) {
                    x.element("prop", Integer.toString(s.index()), "type", "x-sentence");
                }
                if (Double.isFinite(s.score())) {
                    x.element("prop", Texts.score(s.score()), "type", "x-score");
                }
                x.start("tuv", "xml:lang", "ar").element("seg", s.source()).end();
                x.start("tuv", "xml:lang", "en").element("seg", s.translation()).end();
                x.end();
            }
        }
        x.finish();
    }
}
