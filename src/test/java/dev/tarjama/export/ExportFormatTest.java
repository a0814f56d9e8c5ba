package dev.tarjama.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Format names, media types, Accept negotiation and download file names. */
class ExportFormatTest {
    @Test
    void everyFormatIsFoundByItsRequestNameAndTextFormatsDeclareUtf8() {
        for (ExportFormat f : ExportFormat.values()) {
            assertEquals(Optional.of(f), ExportFormat.fromName(f.requestName()));
            assertEquals(Optional.of(f), ExportFormat.fromName(" " + f.requestName().toUpperCase() + " "));
            assertEquals(f.isText(), f.contentType().contains("charset=utf-8"), f.name());
            assertEquals(f, Exporters.forFormat(f).format());
        }
        assertEquals(Optional.empty(), ExportFormat.fromName("json"));
        assertEquals(Optional.empty(), ExportFormat.fromName("pdf"));
        assertEquals(Optional.empty(), ExportFormat.fromName(null));
    }

    @Test
    void mediaTypesMapToFormatsIgnoringParametersAndCase() {
        assertEquals(Optional.of(ExportFormat.HTML), ExportFormat.fromMediaType("Text/HTML; charset=UTF-8"));
        assertEquals(Optional.of(ExportFormat.TMX), ExportFormat.fromMediaType("application/x-tmx+xml"));
        assertEquals(Optional.of(ExportFormat.XLIFF), ExportFormat.fromMediaType("application/xliff+xml"));
        assertEquals(Optional.of(ExportFormat.CSV), ExportFormat.fromMediaType("text/csv"));
        assertEquals(Optional.of(ExportFormat.TSV), ExportFormat.fromMediaType("text/tab-separated-values"));
        assertEquals(Optional.of(ExportFormat.DOCX), ExportFormat.fromMediaType(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        assertEquals(Optional.of(ExportFormat.MD), ExportFormat.fromMediaType("text/markdown; variant=GFM"));
        assertEquals(Optional.empty(), ExportFormat.fromMediaType("application/json"));
        assertEquals(Optional.empty(), ExportFormat.fromMediaType("*/*"));
    }

    @Test
    void acceptHeaderPicksTheHighestRankedFormatAndJsonOrWildcardMeansDefault() {
        assertEquals(Optional.of(ExportFormat.HTML), ExportFormat.fromAcceptHeader("text/html,application/xhtml+xml,*/*;q=0.8"));
        assertEquals(Optional.of(ExportFormat.CSV), ExportFormat.fromAcceptHeader("text/html;q=0.5, text/csv"));
        assertEquals(Optional.empty(), ExportFormat.fromAcceptHeader("application/json, text/html;q=0.9"));
        assertEquals(Optional.empty(), ExportFormat.fromAcceptHeader("*/*"));
        assertEquals(Optional.empty(), ExportFormat.fromAcceptHeader("text/html;q=0"));
        assertEquals(Optional.empty(), ExportFormat.fromAcceptHeader(null));
        assertEquals(Optional.of(ExportFormat.MD), ExportFormat.fromAcceptHeader("image/png, text/markdown"));
    }

    @Test
    void filenamesAreAsciiSlugsWithTheFormatsExtension() {
        assertEquals("lavrov-military-and-security-cooperation-with-north-korea.html",
                Exporters.filename(ExampleArticle.document(), ExportFormat.HTML));
        assertEquals("attachment; filename=\"lavrov-military-and-security-cooperation-with-north-korea.docx\"",
                Exporters.contentDisposition(ExampleArticle.document(), ExportFormat.DOCX));
        assertEquals("cafe-deja-vu.xlf", Exporters.filename("Café \"déjà\" vu", ExportFormat.XLIFF));
        assertEquals("cafe-deja-vu-xliff12.xlf", Exporters.filename("Café \"déjà\" vu", ExportFormat.XLIFF12));
        assertEquals("translation.docx", Exporters.filename("لافروف", ExportFormat.DOCX));
        assertEquals("translation.csv", Exporters.filename((String) null, ExportFormat.CSV));
        String longName = Exporters.filename("word ".repeat(40), ExportFormat.MD);
        assertTrue(longName.length() <= Exporters.MAX_SLUG + 3, longName);
        assertTrue(longName.matches("[a-z0-9-]+\\.md"), longName);
        assertTrue(Exporters.filename("a\r\nb\"; x=\u0000", ExportFormat.TSV).matches("[a-z0-9-]+\\.tsv"));
    }

    @Test
    void everyFormatDownloadsUnderItsOwnName() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ExportFormat f : ExportFormat.values()) {
            String name = Exporters.filename(ExampleArticle.document(), f);
            assertTrue(names.add(name), "two formats save as " + name);
            assertTrue(name.startsWith(Exporters.slug(ExampleArticle.document().paragraphs().get(0).translation())), name);
        }
    }

    @Test
    void cleaningRemovesExactlyTheCodePointsXmlForbids() {
        String kept = "a\tb\nc\rd \u0085\u200F\u202E\uD83D\uDE00\uFFFD";
        String removed = "\u0000\u0001\u0008\u000B\u000C\u001F\uDC00\uD800\uFFFE\uFFFF";
        assertEquals(kept, Texts.clean(removed + kept + removed));
        assertEquals("x\uD83D\uDE00y", Texts.clean("x\uDE00\uD83D\uDE00\uD83Dy"), "pairs kept, halves removed");
    }
}
