package dev.tarjama.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceNormalizerTest {
    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"200E", "200F", "061C", "202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068",
            "2069", "200C", "200D", "00AD", "0009", "000A", "000D", "0000", "001F", "007F", "0085", "E000"})
    void controlAndFormatCharactersBecomeASpace(String hex) {
        String c = Character.toString(Integer.parseInt(hex, 16));
        assertEquals("قال الوزير", SourceNormalizer.normalize("قال" + c + "الوزير"));
        assertEquals("قال الوزير", SourceNormalizer.normalize(c + "قال " + c + " الوزير" + c));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"200B", "2060", "FEFF"})
    void zeroWidthSpaceWordJoinerAndBomAreRemoved(String hex) {
        String c = Character.toString(Integer.parseInt(hex, 16));
        assertEquals("الوزير", SourceNormalizer.normalize("الو" + c + "زير"));
        assertEquals("قال الوزير", SourceNormalizer.normalize(c + "قال " + c + "الوزير"));
    }

    @Test
    void whitespaceRunsCollapseToOneSpaceAndAreTrimmed() {
        assertEquals("قال الوزير إن الاتفاق مهم",
                SourceNormalizer.normalize(" \t قال\u00A0\u00A0الوزير\u2009 \u3000إن\r\nالاتفاق\u202Fمهم \n"));
        assertEquals("", SourceNormalizer.normalize(" \u200F\u200B\t\n "));
        assertEquals("", SourceNormalizer.normalize(""));
    }

    @Test
    void keepsLettersTashkeelDigitsAndPunctuation() {
        String text = "تُشير «النسبة» إلى ٢٫٥٪ (2.5%)، وفقاً لـ Reuters؛ هل؟! 😀…";
        assertEquals(text, SourceNormalizer.normalize(text));
    }

    @Test
    void loneSurrogatesBecomeSpaces() {
        assertEquals("a b", SourceNormalizer.normalize("a\uD800b"));
    }

    @Test
    void rejectsNull() {
        assertThrows(NullPointerException.class, () -> SourceNormalizer.normalize(null));
    }

    @Provide
    Arbitrary<String> texts() {
        return TextArbitraries.anyText();
    }

    @Property(tries = 1000)
    void normalizingIsIdempotent(@ForAll("texts") String text) {
        String once = SourceNormalizer.normalize(text);
        assertEquals(once, SourceNormalizer.normalize(once));
    }

    @Property(tries = 1000)
    void outputHasOnlySingleInnerAsciiSpacesAsWhitespace(@ForAll("texts") String text) {
        String normalized = SourceNormalizer.normalize(text);
        assertFalse(normalized.startsWith(" ") || normalized.endsWith(" ") || normalized.contains("  "));
        assertTrue(normalized.codePoints().allMatch(cp -> cp == ' ' || !Chars.isBlank(cp)), normalized);
        assertEquals(text.codePoints().filter(cp -> !Chars.isBlank(cp)).count(),
                normalized.codePoints().filter(cp -> cp != ' ').count(), "visible characters are all kept");
    }
}
