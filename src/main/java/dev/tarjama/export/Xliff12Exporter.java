package dev.tarjama.export;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * XLIFF 1.2 ({@code urn:oasis:names:tc:xliff:document:1.2}) for older CAT tools: one
 * {@code <file source-language="ar" target-language="en" datatype="plaintext">}, one
 * {@code <group>} per paragraph and one {@code <trans-unit>} per sentence, its {@code <target>} with
 * {@code state="translated"}, or {@code state="needs-review-translation"} when {@link #needsReview}
 * flags it (the same hook as {@link XliffExporter}). Units carry {@code xml:space="preserve"}.
 */
final class Xliff12Exporter implements Exporter {
    static final String NS = "urn:oasis:names:tc:xliff:document:1.2";

    private final Predicate<TranslatedSentence> needsReview;

    Xliff12Exporter(Predicate<TranslatedSentence> needsReview) {
        this.needsReview = Objects.requireNonNull(needsReview, "needsReview");
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.XLIFF12;
    }

    @Override
    public void write(TranslatedDocument doc, ExportContext ctx, OutputStream out) {
        XmlWriter x = new XmlWriter(out);
        x.start("xliff", "xmlns", NS, "version", "1.2");
        x.start("file",
                "original", Texts.title(doc, ctx),
                "source-language", "ar",
                "target-language", "en",
                "datatype", "plaintext",
                "tool-id", "tarjama",
                "date", DateTimeFormatter.ISO_INSTANT.format(ctx.created()),
                "product-name", doc.model().id(),
                "product-version", doc.model().revision());
        x.start("header");
        x.empty("tool", "tool-id", "tarjama", "tool-name", ctx.toolName(), "tool-version", ctx.toolVersion());
        x.end();
        x.start("body");
        int group = 0;
        int unit = 0;
        for (TranslatedParagraph p : doc.paragraphs()) {
            List<TranslatedSentence> rows = Texts.rows(p);
            if (rows.isEmpty()) {
                continue;
            }
            group++;
            x.start("group", "id", "p" + group, "resname", "paragraph-" + p.index());
            for (TranslatedSentence s : rows) {
                unit++;
                x.start("trans-unit", "id", "s" + unit, "xml:space", "preserve");
                x.element("source", s.source(), "xml:lang", "ar");
                x.element("target", s.translation(),
                        "xml:lang", "en", "state", needsReview.test(s) ? "needs-review-translation" : "translated");
                x.end();
            }
            x.end();
        }
        x.finish();
    }
}
