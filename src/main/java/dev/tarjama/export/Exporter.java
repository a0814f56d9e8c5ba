package dev.tarjama.export;

import dev.tarjama.translation.TranslatedDocument;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Renders an aligned document in one {@link ExportFormat}. Implementations are stateless and
 * thread-safe; they write the whole export to {@code out}, flush it, and leave it open.
 * Obtain one with {@link Exporters#forFormat}.
 */
public sealed interface Exporter
        permits HtmlExporter, TmxExporter, XliffExporter, Xliff12Exporter, DelimitedExporter, DocxExporter,
                MarkdownExporter {

    /** The format this exporter writes. */
    ExportFormat format();

    /** Writes {@code doc} to {@code out}. */
    void write(TranslatedDocument doc, ExportContext ctx, OutputStream out) throws IOException;
}
