package dev.tarjama.glossary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlossaryEntryTest {
    @Test
    void validEntryAndDoNotTranslate() {
        GlossaryEntry e = new GlossaryEntry("لافروف", "Lavrov");
        assertFalse(e.doNotTranslate());
        assertEquals("لافروف → Lavrov", e.describe());
        assertTrue(GlossaryEntry.doNotTranslate("عاجل").doNotTranslate());
    }

    @Test
    void rejectsBlankPaddedControlAndOverlongTerms() {
        assertThrows(IllegalArgumentException.class, () -> new GlossaryEntry(" ", "x"));
        assertThrows(IllegalArgumentException.class, () -> new GlossaryEntry("موسكو", ""));
        assertThrows(IllegalArgumentException.class, () -> new GlossaryEntry(null, "Moscow"));
        assertThrows(IllegalArgumentException.class, () -> new GlossaryEntry(" موسكو", "Moscow"));
        assertThrows(IllegalArgumentException.class, () -> new GlossaryEntry("موسكو", "Mos\tcow"));
        assertThrows(IllegalArgumentException.class, () -> new GlossaryEntry("موسكو", "Mos\ncow"));
        assertThrows(IllegalArgumentException.class, () -> new GlossaryEntry("موسكو", "Mos\u2028cow"));
        assertThrows(IllegalArgumentException.class, () -> new GlossaryEntry("موسكو", "x".repeat(1025)));
        IllegalArgumentException onlyMarks = assertThrows(IllegalArgumentException.class, () -> new GlossaryEntry("\u064E\u0640", "x"));
        assertTrue(onlyMarks.getMessage().contains("tashkeel"), onlyMarks.getMessage());
    }

    @Test
    void glossaryNamesCannotEscapeTheDirectory() {
        for (String bad : List.of("", "../etc", "a/b", "a.b", "x".repeat(65), "ü", "a b")) {
            assertThrows(IllegalArgumentException.class, () -> Glossary.validateName(bad), bad);
        }
        assertEquals("news_desk-2", Glossary.validateName("news_desk-2"));
    }

    @Test
    void duplicateTermsIgnoringTashkeelAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Glossary("g",
                List.of(new GlossaryEntry("موسكو", "Moscow"), new GlossaryEntry("مُوسْكُو", "Moskva"))));
        assertTrue(e.getMessage().contains("same"), e.getMessage());
    }
}
