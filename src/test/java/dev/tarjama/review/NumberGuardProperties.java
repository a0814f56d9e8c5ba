package dev.tarjama.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Any number written in any script and grouping style reads back as the same value. */
class NumberGuardProperties {
    enum Script { ASCII, ARABIC_INDIC, PERSIAN }

    enum Style { PLAIN, ENGLISH, EUROPEAN, ARABIC, ARABIC_DECIMAL }

    @Provide
    Arbitrary<BigDecimal> numbers() {
        Arbitrary<BigInteger> unscaled = Arbitraries.bigIntegers().between(BigInteger.ZERO, new BigInteger("999999999999"));
        return unscaled.flatMap(u -> Arbitraries.integers().between(0, 3).map(scale -> new BigDecimal(u, scale)));
    }

    static String format(BigDecimal value, Script script, Style style) {
        String plain = value.toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String frac = dot < 0 ? "" : plain.substring(dot + 1);
        String group = switch (style) {
            case PLAIN, ARABIC_DECIMAL -> "";
            case ENGLISH -> ",";
            case EUROPEAN -> ".";
            case ARABIC -> "\u066C";
        };
        String decimal = switch (style) {
            case PLAIN, ENGLISH -> ".";
            case EUROPEAN -> ",";
            case ARABIC, ARABIC_DECIMAL -> "\u066B";
        };
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < intPart.length(); i++) {
            if (i > 0 && (intPart.length() - i) % 3 == 0) {
                sb.append(group);
            }
            sb.append(intPart.charAt(i));
        }
        if (!frac.isEmpty()) {
            sb.append(decimal).append(frac);
        }
        return toScript(sb.toString(), script);
    }

    static String toScript(String s, Script script) {
        char zero = switch (script) {
            case ASCII -> '0';
            case ARABIC_INDIC -> '\u0660';
            case PERSIAN -> '\u06F0';
        };
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= '0' && c <= '9' ? (char) (zero + (c - '0')) : c);
        }
        return sb.toString();
    }

    @Property
    void everyScriptAndStyleExtractsTheSameValue(@ForAll("numbers") BigDecimal value, @ForAll Script script, @ForAll Style style) {
        String written = format(value, script, style);
        List<NumberMention> found = NumberGuard.extract("بلغ العدد " + written + " تقريباً");
        assertEquals(1, found.size(), written);
        assertTrue(found.get(0).matches(value), () -> written + " read as " + found.get(0));
        assertEquals(written, found.get(0).surface());
    }

    @Property
    void sourceAndTranslationInDifferentStylesAgree(
            @ForAll("numbers") BigDecimal value, @ForAll Script script, @ForAll Style sourceStyle, @ForAll Style targetStyle) {
        String source = "بلغ العدد " + format(value, script, sourceStyle) + " شخصاً";
        String target = "The number reached " + format(value, Script.ASCII, targetStyle) + " people";
        assertTrue(NumberGuard.compare(source, target).ok(), source + " | " + target);
    }

    @Property
    void aChangedDigitIsAlwaysReported(@ForAll("numbers") BigDecimal value, @ForAll Style style, @ForAll @IntRange(min = 0, max = 30) int position) {
        String written = format(value, Script.ASCII, style);
        int count = (int) written.chars().filter(Character::isDigit).count();
        int target = position % count;
        StringBuilder changed = new StringBuilder();
        int seen = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (Character.isDigit(c) && seen++ == target) {
                c = (char) ('0' + (c - '0' + 1) % 10);
            }
            changed.append(c);
        }
        String source = "بلغ العدد " + toScript(written, Script.ARABIC_INDIC) + " شخصاً";
        assertFalse(NumberGuard.compare(source, "reached " + changed + " people").ok(), written + " -> " + changed);
    }
}
