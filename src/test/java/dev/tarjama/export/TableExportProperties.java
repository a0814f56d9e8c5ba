package dev.tarjama.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * CSV round-trips through a strict RFC 4180 reader (with its BOM and formula escaping, and without);
 * TSV splits on tabs into five columns on every line; the Markdown table keeps one row per
 * sentence and five cells per row, and each cell decodes back to its text.
 */
class TableExportProperties {
    static final ExportContext CTX = new ExportContext("t", Instant.EPOCH, "Tarjama", "test");

    @Provide
    Arbitrary<TranslatedDocument> documents() {
        return HostileText.documents();
    }

    static final ExportContext RAW = CTX.withOptions(new ExportOptions(false, false));
    static final List<String> HEADER = List.of("paragraph", "sentence", "arabic", "english", "score");

    @Property(tries = 300)
    void csvStartsWithABomAndRoundTripsThroughRfc4180WithFormulasEscaped(@ForAll("documents") TranslatedDocument doc) {
        String text = new String(Exporters.toBytes(doc, ExportFormat.CSV, CTX), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFparagraph,"), "UTF-8 BOM first");
        List<List<String>> records = Rfc4180.parse(text.substring(1), ',');
        assertEquals(HEADER, records.get(0));
        assertEquals(expectedRows(doc, s -> formulaEscaped(HostileText.expected(s))), records.subList(1, records.size()));
    }

    @Property(tries = 200)
    void csvWithFormulasKeptAndNoBomRoundTripsExactly(@ForAll("documents") TranslatedDocument doc) {
        String text = new String(Exporters.toBytes(doc, ExportFormat.CSV, RAW), StandardCharsets.UTF_8);
        List<List<String>> records = Rfc4180.parse(text, ',');
        assertEquals(HEADER, records.get(0));
        assertEquals(expectedRows(doc, HostileText::expected), records.subList(1, records.size()));
    }

    @Property(tries = 300)
    void tsvIsUnquotedWithFiveColumnsOnEveryLine(@ForAll("documents") TranslatedDocument doc) {
        for (ExportContext ctx : List.of(CTX, RAW)) {
            String text = new String(Exporters.toBytes(doc, ExportFormat.TSV, ctx), StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\r\n") && text.startsWith("paragraph\t"), "no BOM, CRLF line ends");
            List<List<String>> rows = new ArrayList<>();
            for (String line : text.substring(0, text.length() - 2).split("\r\n", -1)) {
                assertFalse(line.contains("\r") || line.contains("\n"), line);
                String[] cells = line.split("\t", -1);
                assertEquals(5, cells.length, "splitting on tabs gives five columns: " + line);
                rows.add(List.of(cells));
            }
            assertEquals(HEADER, rows.get(0));
            boolean escape = ctx.options().escapeFormulas();
            assertEquals(expectedRows(doc, s -> {
                String oneLine = HostileText.expected(s).replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
                return escape ? formulaEscaped(oneLine) : oneLine;
            }), rows.subList(1, rows.size()));
        }
    }

    /** OWASP: a cell starting like a formula (ASCII or full-width = + - @, TAB, CR) gets a leading quote. */
    static String formulaEscaped(String cell) {
        return !cell.isEmpty() && "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private static List<List<String>> expectedRows(TranslatedDocument doc, java.util.function.UnaryOperator<String> text) {
        List<List<String>> rows = new ArrayList<>();
        for (TranslatedParagraph p : doc.paragraphs()) {
            for (TranslatedSentence s : p.sentences()) {
                rows.add(List.of(Integer.toString(p.index()), Integer.toString(s.index()),
                        text.apply(s.source()), text.apply(s.translation()),
                        String.format(java.util.Locale.ROOT, "%.4f", s.score() + 0.0))); // no "-0.0000"
            }
        }
        return rows;
    }

    @Property(tries = 300)
    void markdownTableKeepsRowsAndColumnsAndDecodesBack(@ForAll("documents") TranslatedDocument doc) {
        String md = new String(Exporters.toBytes(doc, ExportFormat.MD, CTX), StandardCharsets.UTF_8);
        List<String> table = md.lines().filter(l -> l.startsWith("|")).toList();
        List<TranslatedSentence> sentences = HostileText.sentences(doc);
        assertEquals(sentences.size() + 2, table.size(), "header + delimiter + one row per sentence");
        assertEquals(sentences.size() + 6, md.lines().count(), "no line breaks leak out of a cell");
        for (String line : table) {
            assertEquals(5, cells(line).size(), line);
        }
        for (int i = 0; i < sentences.size(); i++) {
            List<String> cells = cells(table.get(i + 2));
            String arabic = cells.get(2);
            if (!arabic.isEmpty()) {
                assertTrue(arabic.startsWith(RTL_OPEN) && arabic.endsWith(RTL_CLOSE), arabic);
                arabic = arabic.substring(RTL_OPEN.length(), arabic.length() - RTL_CLOSE.length());
            }
            assertEquals(markdownExpected(sentences.get(i).source()), decode(arabic));
            assertEquals(markdownExpected(sentences.get(i).translation()), decode(cells.get(3)));
        }
    }

    static final String RTL_OPEN = "<span dir=\"rtl\">";
    static final String RTL_CLOSE = "</span>";

    /** Splits a table row on unescaped pipes; drops the empty edges; strips the one-space padding. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cell.append(c).append(line.charAt(++i));
            } else if (c == '|') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (!cells.get(0).isEmpty() || !cell.isEmpty()) {
            throw new AssertionError("row must start and end with |: " + line);
        }
        List<String> inner = cells.subList(1, cells.size());
        return inner.stream().map(s -> s.length() >= 2 ? s.substring(1, s.length() - 1) : s).toList();
    }

    /** Reverses the exporter's cell encoding: {@code <br>}, entities and backslash escapes. */
    static String decode(String cell) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (cell.startsWith("<br>", i)) {
                b.append('\n');
                i += 3;
            } else if (c == '<' || c == '>') {
                throw new AssertionError("raw markup in cell: " + cell);
            } else if (c == '\\') {
                b.append(cell.charAt(++i));
            } else if (c == '&') {
                int semi = cell.indexOf(';', i);
                String entity = cell.substring(i, semi + 1);
                b.append(switch (entity) {
                    case "&amp;" -> '&';
                    case "&lt;" -> '<';
                    case "&gt;" -> '>';
                    default -> throw new AssertionError("unexpected entity " + entity);
                });
                i = semi;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** What a Markdown cell carries: the text with line breaks unified to LF and tabs as spaces. */
    static String markdownExpected(String s) {
        return HostileText.expected(s).replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ');
    }
}
