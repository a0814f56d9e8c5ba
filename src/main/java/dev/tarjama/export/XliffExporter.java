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
 * XLIFF 2.1 ({@code urn:oasis:names:tc:xliff:document:2.0}, {@code version="2.1"}): one
 * {@code <file>}, one {@code <unit>} per paragraph, one {@code <segment>} per sentence with
 * {@code state="translated"}, or {@code state="initial"} when {@link #needsReview} flags it.
 * The whitespace between two sentences of a paragraph (taken from the offsets) is kept as an
 * {@code <ignorable>}, so a CAT tool can rebuild the paragraph. Model, score and cache flags go into
 * the Metadata module ({@code mda}), which tools preserve but do not show as translatable text.
 */
final class XliffExporter implements Exporter {
    static final String NS = "urn:oasis:names:tc:xliff:document:2.0";
    static final String MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0";

    /**
     * Review hook: sentences for which this is true are written with {@code state="initial"}.
     * {@link Exporters#forFormat} passes {@link Exporters#NO_REVIEW} until the translation service
     * flags sentences for review; then it becomes e.g. {@code TranslatedSentence::reviewNeeded}.
     */
    private final Predicate<TranslatedSentence> needsReview;

    XliffExporter(Predicate<TranslatedSentence> needsReview) {
        this.needsReview = Objects.requireNonNull(needsReview, "needsReview");
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.XLIFF;
    }

    @Override
    public void write(TranslatedDocument doc, ExportContext ctx, OutputStream out) {
        XmlWriter x = new XmlWriter(out);
        x.start("xliff", "xmlns", NS, "xmlns:mda", MDA_NS, "version", "2.1", "srcLang", "ar", "trgLang", "en");
        x.start("file", "id", "f1", "xml:space", "preserve");
        x.start("mda:metadata").start("mda:metaGroup", "category", "tarjama");
        x.element("mda:meta", Texts.title(doc, ctx), "type", "title");
        x.element("mda:meta", doc.model().id(), "type", "model.id");
        x.element("mda:meta", doc.model().revision(), "type", "model.revision");
        x.element("mda:meta", ctx.toolName() + " " + ctx.toolVersion(), "type", "tool");
        x.element("mda:meta", DateTimeFormatter.ISO_INSTANT.format(ctx.created()), "type", "created");
        x.end().end();
        int unit = 0;
        int segment = 0;
        int ignorable = 0;
        for (TranslatedParagraph p : doc.paragraphs()) {
            List<TranslatedSentence> rows = Texts.rows(p);
            if (rows.isEmpty()) {
                continue;
            }
            unit++;
            x.start("unit", "id", "p" + unit);
            x.start("mda:metadata");
            int first = segment;
            for (TranslatedSentence s : rows) {
                first++;
                x.start("mda:metaGroup", "id", "m" + first, "category", "segment:s" + first);
                x.element("mda:meta", Integer.toString(p.index()), "type", "paragraph");
                if (s.index() >= 0) {
                    x.element("mda:meta", Integer.toString(s.index()), "type", "sentence");
                }
                if (Double.isFinite(s.score())) {
                    x.element("mda:meta", Texts.score(s.score()), "type", "score");
                }
                x.element("mda:meta", Boolean.toString(s.cached()), "type", "cached");
                x.element("mda:meta", Boolean.toString(s.split()), "type", "split");
                x.end();
            }
            x.end();
            TranslatedSentence previous = null;
            for (TranslatedSentence s : rows) {
                String gap = previous == null ? "" : gap(p, previous, s);
                if (!gap.isEmpty()) {
                    ignorable++;
                    x.start("ignorable", "id", "g" + ignorable);
                    x.element("source", gap).element("target", " ");
                    x.end();
                }
                segment++;
                x.start("segment", "id", "s" + segment, "state", needsReview.test(s) ? "initial" : "translated");
                x.element("source", s.source()).element("target", s.translation());
                x.end();
                previous = s;
            }
            x.end();
        }
        x.finish();
    }

    /** The source text between two sentences of a paragraph, or empty when the offsets disagree. */
    static String gap(TranslatedParagraph p, TranslatedSentence a, TranslatedSentence b) {
        int from = a.end() - p.start();
        int to = b.start() - p.start();
        if (from < 0 || to < from || to > p.source().length()) {
            return "";
        }
        return p.source().substring(from, to);
    }
}
