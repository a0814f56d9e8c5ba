package dev.tarjama.glossary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ArabicFoldingTest {
    @Test
    void dropsTashkeelTatweelAndFormatCharsAndFoldsAlefAndPresentationForms() {
        assertEquals("احمد", ArabicFolding.foldTerm("أَحْمَد"));
        assertEquals("لافروف", ArabicFolding.foldTerm("لافـــروف"));
        assertEquals("موسكو", ArabicFolding.foldTerm("مو\u200Cسكو"));
        assertEquals("لا الكرملين", ArabicFolding.foldTerm("ﻻ ﺍﻟﻜﺮﻣﻠﻴﻦ"));
        assertEquals("a b", ArabicFolding.foldTerm(" a \u00A0\t b "));
    }

    @Test
    void foldedSpansMapBackToTheOriginal() {
        String s = "قال لَافْرُوف";
        ArabicFolding.Folded f = ArabicFolding.fold(s);
        int start = f.text().indexOf("لافروف");
        int end = start + "لافروف".length();
        assertEquals("لَافْرُوف", s.substring(f.originalStart(start), f.originalEnd(end)));
    }

    @Property
    void everyFoldedCharComesFromAnOrderedSpanOfTheOriginal(@ForAll String s) {
        ArabicFolding.Folded f = ArabicFolding.fold(s);
        int previous = 0;
        for (int i = 0; i < f.text().length(); i++) {
            int a = f.originalStart(i);
            int b = f.ends()[i];
            assertEquals(true, a >= previous && a < b && b <= s.length(), s);
            previous = a;
        }
    }
}
