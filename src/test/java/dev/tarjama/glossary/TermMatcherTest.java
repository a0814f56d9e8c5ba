package dev.tarjama.glossary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TermMatcherTest {
    private static final Glossary GLOSSARY = new Glossary("news", List.of(
            new GlossaryEntry("كوريا", "Korea"),
            new GlossaryEntry("كوريا الشمالية", "North Korea"),
            new GlossaryEntry("لافروف", "Lavrov"),
            new GlossaryEntry("الخارجية", "Foreign Affairs"),
            new GlossaryEntry("G20", "G20")));

    private static List<String> found(String sentence) {
        return GLOSSARY.find(sentence).stream().map(m -> m.surface() + "=" + m.entry().en()).toList();
    }

    @Test
    void longestMatchFirst() {
        assertEquals(List.of("كوريا الشمالية=North Korea"), found("مع كوريا الشمالية اليوم"));
        assertEquals(List.of("كوريا=Korea"), found("مع كوريا الجنوبية"));
    }

    @Test
    void ignoresTashkeelTatweelAndHamzaForms() {
        String vocalized = "وَزِيرُ الخَارِجِيَّةِ سِيرْغِي لَافْرُوف";
        List<TermMatch> m = GLOSSARY.find(vocalized);
        assertEquals(List.of("Foreign Affairs", "Lavrov"), m.stream().map(t -> t.entry().en()).toList());
        assertEquals("الخَارِجِيَّةِ", m.get(0).surface());
        assertEquals("لَافْرُوف", m.get(1).surface());
        assertEquals(m.get(1).surface(), vocalized.substring(m.get(1).start(), m.get(1).end()));
        assertEquals(List.of("لافـــروف=Lavrov"), found("لافـــروف يـزور موسـكو"));
        Glossary hamza = new Glossary("h", List.of(new GlossaryEntry("أحمد", "Ahmed")));
        assertEquals(1, hamza.find("قال احمد").size());
        assertEquals(1, hamza.find("قال إحمد").size());
    }

    @Test
    void respectsWordBoundariesButAllowsAProclitic() {
        assertTrue(found("الكوريات").isEmpty(), "inside a longer word");
        assertTrue(found("كورياتنا").isEmpty(), "a longer word");
        List<TermMatch> m = GLOSSARY.find("روسيا وكوريا الشمالية");
        assertEquals("كوريا الشمالية", m.get(0).surface());
        assertEquals("و", "روسيا وكوريا الشمالية".substring(m.get(0).start() - 1, m.get(0).start()));
        assertEquals(List.of("لافروف=Lavrov"), found("وللافروف رأي"), "two-letter proclitic");
        assertEquals(List.of("G20=G20"), found("قادة G20 اجتمعوا"));
        assertTrue(found("قادة G200 اجتمعوا").isEmpty());
    }

    @Test
    void multiWordTermsMatchAcrossAnyWhitespace() {
        assertEquals(List.of("كوريا  الشمالية=North Korea"), found("كوريا  الشمالية"));
        assertEquals(List.of("كوريا\u00A0الشمالية=North Korea"), found("كوريا\u00A0الشمالية"));
    }

    @Test
    void allOccurrencesInOrderWithExactOffsets() {
        String s = "لافروف: التعاون مع كوريا الشمالية؛ وقال لافروف";
        List<TermMatch> m = GLOSSARY.find(s);
        assertEquals(3, m.size());
        for (TermMatch t : m) {
            assertEquals(t.surface(), s.substring(t.start(), t.end()));
        }
        assertTrue(m.get(0).start() < m.get(1).start() && m.get(1).start() < m.get(2).start());
    }
}
