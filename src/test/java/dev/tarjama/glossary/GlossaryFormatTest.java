package dev.tarjama.glossary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlossaryFormatTest {
    @Test
    void csvWithQuotesBlankLinesBomAndCrlf() {
        String csv = "\uFEFFلافروف,Lavrov\r\n\r\n\"الأمم المتحدة\",\"United Nations\"\r\nقال,\"said, \"\"quote\"\"\"\n";
        List<GlossaryEntry> entries = GlossaryFormat.CSV.parse(csv);
        assertEquals(List.of(new GlossaryEntry("لافروف", "Lavrov"), new GlossaryEntry("الأمم المتحدة", "United Nations"),
                new GlossaryEntry("قال", "said, \"quote\"")), entries);
    }

    @Test
    void csvMayNameTheLanguagesArAndEn() {
        assertEquals(1, GlossaryFormat.CSV.parse("موسكو,Moscow,ar,en\n").size());
        GlossaryFormatException e = assertThrows(GlossaryFormatException.class,
                () -> GlossaryFormat.CSV.parse("موسكو,Moscow\nباريس,Paris,fr,en\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("line 2: languages"), e.getMessage());
    }

    @Test
    void tsvHasNoQuoting() {
        List<GlossaryEntry> entries = GlossaryFormat.TSV.parse("موسكو\tMoscow\n\"عاجل\"\t\"Ajel\"\n");
        assertEquals("\"Ajel\"", entries.get(1).en());
    }

    @Test
    void errorsNameTheLine() {
        assertLine(3, GlossaryFormat.CSV, "أ,a\nب,b\nج\n", "expected 2 fields");
        assertLine(2, GlossaryFormat.TSV, "أ\ta\nب\tb\tc\n", "found 3");
        assertLine(1, GlossaryFormat.CSV, "\"موسكو,Moscow\n", "not closed");
        assertLine(1, GlossaryFormat.CSV, "مو\"سكو,Moscow\n", "double quote");
        assertLine(2, GlossaryFormat.CSV, "موسكو,Moscow\n,Paris\n", "blank");
        assertLine(4, GlossaryFormat.CSV, "موسكو,Moscow\n\nباريس,Paris\nمُوسْكُو,Moskva\n", "already on line 1");
        assertLine(1, GlossaryFormat.TSV, "موسكو\tMos\u0007cow\n", "control character");
    }

    private static void assertLine(int line, GlossaryFormat format, String content, String text) {
        GlossaryFormatException e = assertThrows(GlossaryFormatException.class, () -> format.parse(content));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void writeThenParseRoundTrips() {
        List<GlossaryEntry> entries = List.of(new GlossaryEntry("لافروف", "Lavrov"),
                new GlossaryEntry("قال", "said, \"quote\""), GlossaryEntry.doNotTranslate("عاجل"));
        assertEquals(entries, GlossaryFormat.CSV.parse(GlossaryFormat.CSV.write(entries)));
        assertEquals(entries, GlossaryFormat.TSV.parse(GlossaryFormat.TSV.write(entries)));
    }

    @Test
    void formatNames() {
        assertEquals(GlossaryFormat.TSV, GlossaryFormat.of("TSV"));
        assertThrows(IllegalArgumentException.class, () -> GlossaryFormat.of("xlsx"));
    }
}
