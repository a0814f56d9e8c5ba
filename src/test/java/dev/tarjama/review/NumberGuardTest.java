package dev.tarjama.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumberGuardTest {
    private static List<String> values(String text) {
        return NumberGuard.extract(text).stream().map(m -> m.value().stripTrailingZeros().toPlainString()).toList();
    }

    @Test
    void readsDigitsOfAllThreeScripts() {
        assertEquals(List.of("2024", "2024", "2024"), values("٢٠٢٤ ۲۰۲۴ 2024"));
    }

    @Test
    void arabicSeparatorsAreDecimalAndThousands() {
        assertEquals(List.of("5.8"), values("بقوة ٥٫٨ درجات"));
        assertEquals(List.of("2200112"), values("٢٬٢٠٠٬١١٢"));
        assertEquals(List.of("1234.5"), values("١٬٢٣٤٫٥"));
    }

    @Test
    void groupingInBothStyles() {
        assertEquals(List.of("2200112"), values("2,200,112"));
        assertEquals(List.of("2200112"), values("2.200.112"));
        assertEquals(List.of("2200112.5"), values("2,200,112.5"));
        assertEquals(List.of("2200112.5"), values("2.200.112,5"));
    }

    @Test
    void mixedArabicAndLatinSeparators() {
        assertEquals(List.of("1234.5"), values("1٬234.5"));
        assertEquals(List.of("1234.5"), values("1,234٫5"));
        assertEquals(List.of("1", "234", "567", "890"), values("1.234,567,890"), "decimal comma twice: not one number");
    }

    @Test
    void aLoneSeparatorBeforeThreeDigitsIsAmbiguous() {
        NumberMention dot = NumberGuard.extract("1.500").get(0);
        assertEquals(0, dot.value().compareTo(new BigDecimal("1.5")));
        assertEquals(0, dot.alternative().compareTo(new BigDecimal("1500")));
        NumberMention comma = NumberGuard.extract("1,500").get(0);
        assertEquals(0, comma.value().compareTo(new BigDecimal("1500")));
        assertEquals(0, comma.alternative().compareTo(new BigDecimal("1.5")));
        assertTrue(NumberGuard.compare("1.500 جندي", "1,500 soldiers").ok());
        assertTrue(NumberGuard.compare("1.500 كيلوغرام", "1.5 kilograms").ok());
        assertFalse(NumberGuard.compare("1.500 جندي", "1,600 soldiers").ok());
    }

    @Test
    void aLoneSeparatorBeforeOtherDigitCountsIsDecimal() {
        assertEquals(List.of("2.5"), values("2.5"));
        assertEquals(List.of("2.5"), values("2,5"));
        assertEquals(List.of("0.5"), values("0.500"));
        assertNull(NumberGuard.extract("1234.567").get(0).alternative());
    }

    @Test
    void invalidGroupingIsReadAsSeparateIntegers() {
        assertEquals(List.of("12", "11", "2024"), values("12.11.2024"));
        assertEquals(List.of("2", "200", "12"), values("2,200,12"));
    }

    @Test
    void aDigitStringCopiedWronglyIsFlaggedNeverFixed() {
        NumberCheck check = NumberGuard.compare("بلغ العدد 2.200.112 شخصاً", "The number reached 2,200,12 people");
        assertFalse(check.ok());
        assertEquals(List.of("2.200.112"), check.missing().stream().map(NumberMention::surface).toList());
        assertEquals(List.of("2", "200", "12"), check.extra().stream().map(NumberMention::surface).toList());
        assertTrue(check.describe().contains("2.200.112"));
    }

    @Test
    void rangesTimesAndDatesGiveOneValuePerPart() {
        assertEquals(List.of("2020", "2022"), values("2020-2022"));
        assertEquals(List.of("2020", "2022"), values("٢٠٢٠–٢٠٢٢"));
        assertTrue(NumberGuard.compare("بين عامي ٢٠٢٠–٢٠٢٢", "between 2020 and 2022").ok());
        assertTrue(NumberGuard.compare("الساعة ١٠:٣٠", "10:30 a.m.").ok());
        assertTrue(NumberGuard.compare("موسكو، ١٢ نوفمبر ٢٠٢٤", "Moscow, November 12, 2024").ok());
    }

    @Test
    void percentSignIsPartOfTheSurfaceNotOfTheValue() {
        NumberMention m = NumberGuard.extract("بنسبة ٣٪ يوم").get(0);
        assertTrue(m.percent());
        assertEquals("٣٪", m.surface());
        assertTrue(NumberGuard.compare("بنسبة ٣٪", "by 3 percent").ok());
        assertTrue(NumberGuard.compare("بنسبة ٣ ٪", "by 3%").ok());
    }

    @Test
    void comparesAsMultisets() {
        assertTrue(NumberGuard.compare("١٥ و١٥", "15 and 15").ok());
        NumberCheck check = NumberGuard.compare("١٥ و١٥", "15");
        assertEquals(1, check.missing().size());
        assertTrue(check.extra().isEmpty());
        NumberCheck extra = NumberGuard.compare("عام 2022", "in 2022 and 2023");
        assertEquals("2023", extra.extra().get(0).surface());
    }

    @Test
    void numberWordsOnlyConfirm() {
        assertTrue(NumberGuard.compare("قُتل ثلاثة أشخاص", "Three people were killed").ok());
        assertTrue(NumberGuard.compare("قتل ٣ أشخاص", "three people were killed").ok());
        assertTrue(NumberGuard.compare("قُتل ثلاثةُ أشخاص", "3 people were killed").ok());
        assertTrue(NumberGuard.compare("قال إنه واحد منهم", "He said he was one of them").ok());
        assertFalse(NumberGuard.compare("قتل ٤ أشخاص", "three people were killed").ok());
    }

    @Test
    void numbersInsideWordsAndPhoneNumbers() {
        assertTrue(NumberGuard.compare("قادة مجموعة العشرين G20", "G20 leaders").ok());
        assertTrue(NumberGuard.compare("رقم الهاتف هو 0123456789.", "The phone number is 0123456789.").ok());
        assertFalse(NumberGuard.compare("رقم الهاتف هو 0123456789.", "The phone number is 012345678.").ok());
    }

    @Test
    void textWithoutDigitsHasNoNumbers() {
        assertTrue(NumberGuard.extract("لا أرقام هنا. No numbers, none.").isEmpty());
        assertTrue(NumberGuard.compare("", "").ok());
    }
}
