package dev.tarjama.export;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedSentence;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/** Entry point of the export package: the exporter for a format, and download file names. */
public final class Exporters {
    /** Longest slug used in a file name (without extension). */
    static final int MAX_SLUG = 60;

    /** A review hook that flags nothing (every XLIFF segment {@code translated}). */
    static final Predicate<TranslatedSentence> NO_REVIEW = s -> false;

    /** The review hook in use: sentences the service flagged for a human look. */
    static final Predicate<TranslatedSentence> FLAGGED = TranslatedSentence::needsReview;

    private Exporters() {}

    /** The exporter for {@code format}. */
    public static Exporter forFormat(ExportFormat format) {
        return switch (Objects.requireNonNull(format, "format")) {
            case HTML -> new HtmlExporter();
            case TMX -> new TmxExporter();
            case XLIFF -> new XliffExporter(FLAGGED);
            case XLIFF12 -> new Xliff12Exporter(FLAGGED);
            case TSV -> DelimitedExporter.TSV;
            case CSV -> DelimitedExporter.CSV;
            case DOCX -> new DocxExporter();
            case MD -> new MarkdownExporter();
        };
    }

    /** Renders {@code doc} into memory. */
    public static byte[] toBytes(TranslatedDocument doc, ExportFormat format, ExportContext ctx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            forFormat(format).write(doc, ctx, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen for an in-memory stream
        }
        return out.toByteArray();
    }

    /**
     * A download file name for the document, e.g. {@code lavrov-military-and-security.html}: a slug of
     * the English title (first paragraph's translation), see {@link #filename(String, ExportFormat)}.
     */
    public static String filename(TranslatedDocument doc, ExportFormat format) {
        String base = doc.paragraphs().isEmpty() ? "" : doc.paragraphs().get(0).translation();
        return filename(base, format);
    }

    /** A {@code Content-Disposition} value that downloads the export under {@link #filename(TranslatedDocument, ExportFormat)}. */
    public static String contentDisposition(TranslatedDocument doc, ExportFormat format) {
        return "attachment; filename=\"" + filename(doc, format) + "\"";
    }

    /**
     * An ASCII-only file name safe inside a quoted {@code Content-Disposition} value: {@link #slug}
     * of the base, then the format's extension. XLIFF 1.2 shares {@code .xlf} with XLIFF 2.1, so its
     * name carries {@code -xliff12} before the extension: both can be saved side by side.
     */
    public static String filename(String base, ExportFormat format) {
        return slug(base) + (format == ExportFormat.XLIFF12 ? "-xliff12" : "") + "." + format.extension();
    }

    /**
     * The base of every download name (the page's JSON download uses it too): accents are stripped,
     * the base lower-cased, every run of other characters becomes one {@code -}, the slug is cut at a
     * word boundary to at most {@value #MAX_SLUG} characters, and an empty result becomes
     * {@code translation}.
     */
    public static String slug(String base) {
        String ascii = Normalizer.normalize(base == null ? "" : base, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (ascii.length() > MAX_SLUG) {
            int cut = ascii.lastIndexOf('-', MAX_SLUG);
            ascii = ascii.substring(0, cut > 0 ? cut : MAX_SLUG);
        }
        if (ascii.isEmpty()) {
            ascii = "translation";
        }
        return ascii;
    }
}
