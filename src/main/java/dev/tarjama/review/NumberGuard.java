package dev.tarjama.review;

import dev.tarjama.text.Digits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the numbers written with digits in a text and compares source and translation as multisets
 * of values. It reports, it never corrects.
 *
 * <p>Reading rules (see docs/number-guard.md):
 * <ul>
 *   <li>Digits: ASCII {@code 0-9}, Arabic-Indic {@code ٠-٩}, Persian {@code ۰-۹} (mixable).</li>
 *   <li>{@code ٫} is always a decimal separator, {@code ٬} always a thousands separator.</li>
 *   <li>{@code ,} and {@code .} between digits: when both occur, the last one (if it occurs once)
 *       is the decimal separator and the other groups thousands ({@code 2,200,112.5},
 *       {@code 2.200.112,5}); one kind occurring twice or more groups thousands ({@code 2.200.112});
 *       occurring once before exactly three digits it is ambiguous ({@code 1,500} reads 1500, or 1.5;
 *       {@code 1.500} reads 1.5, or 1500) and either value may match; otherwise it is a decimal
 *       separator ({@code 2.5}, {@code 2,5}).</li>
 *   <li>A digit run whose separators do not form a valid number (groups after a thousands separator
 *       must have exactly three digits) is read as separate integers: {@code 12.11.2024} is 12, 11,
 *       2024 and {@code 2,200,12} is 2, 200, 12.</li>
 *   <li>Any other character ends a number: ranges ({@code 2020-2022}, {@code ٢٠٢٠–٢٠٢٢}), times
 *       ({@code 10:30}) and dates ({@code 2024/11/12}) give one value per part. Signs are ignored.</li>
 *   <li>A {@code %} or {@code ٪} right after (or before) a number is part of its surface but not of
 *       its value, because English often writes "percent".</li>
 *   <li>Number words ({@link NumberWords}) only confirm: an English "three" may stand for a source
 *       {@code ٣}, an Arabic {@code ثلاثة} for a translated {@code 3}; an unmatched word is never
 *       reported.</li>
 * </ul>
 */
public final class NumberGuard {
    private NumberGuard() {
    }

    /** Decimal value of a digit in one of the three scripts, or -1. */
    public static int digit(char c) {
        return Digits.value(c);
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == ',' || c == '\u066B' || c == '\u066C';
    }

    private static boolean isPercent(char c) {
        return c == '%' || c == '\u066A';
    }

    /** The numbers written with digits in {@code text}, in order. */
    public static List<NumberMention> extract(String text) {
        List<NumberMention> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (digit(text.charAt(i)) < 0) {
                i++;
                continue;
            }
            List<int[]> groups = new ArrayList<>(); // [start, end) of each digit group
            List<Character> seps = new ArrayList<>();
            int j = i;
            while (true) {
                int gs = j;
                while (j < n && digit(text.charAt(j)) >= 0) {
                    j++;
                }
                groups.add(new int[] {gs, j});
                if (j + 1 < n && isSeparator(text.charAt(j)) && digit(text.charAt(j + 1)) >= 0) {
                    seps.add(text.charAt(j));
                    j++;
                } else {
                    break;
                }
            }
            out.addAll(interpret(text, groups, seps));
            i = j;
        }
        return out;
    }

    private enum Sep { DECIMAL, GROUP }

    private static List<NumberMention> interpret(String text, List<int[]> groups, List<Character> seps) {
        int start = groups.get(0)[0];
        int end = groups.get(groups.size() - 1)[1];
        if (seps.isEmpty()) {
            return List.of(mention(text, start, end, new BigDecimal(digits(text, start, end)), null));
        }
        Sep[] kinds = classify(seps);
        if (kinds == null && seps.size() == 1) {
            // one '.' or ',': a decimal separator, or ambiguous before exactly three digits
            String intPart = digits(text, groups.get(0)[0], groups.get(0)[1]);
            String frac = digits(text, groups.get(1)[0], groups.get(1)[1]);
            BigDecimal decimal = new BigDecimal(intPart + "." + frac);
            boolean ambiguous = frac.length() == 3 && intPart.length() <= 3 && intPart.charAt(0) != '0';
            if (!ambiguous) {
                return List.of(mention(text, start, end, decimal, null));
            }
            BigDecimal grouped = new BigDecimal(intPart + frac);
            boolean comma = seps.get(0).charValue() == ',';
            return List.of(mention(text, start, end, comma ? grouped : decimal, comma ? decimal : grouped));
        }
        if (kinds != null && valid(text, groups, kinds)) {
            StringBuilder sb = new StringBuilder();
            for (int g = 0; g < groups.size(); g++) {
                if (g > 0 && kinds[g - 1] == Sep.DECIMAL) {
                    sb.append('.');
                }
                sb.append(digits(text, groups.get(g)[0], groups.get(g)[1]));
            }
            return List.of(mention(text, start, end, new BigDecimal(sb.toString()), null));
        }
        List<NumberMention> parts = new ArrayList<>();
        for (int[] g : groups) {
            parts.add(mention(text, g[0], g[1], new BigDecimal(digits(text, g[0], g[1])), null));
        }
        return parts;
    }

    /** Separator kinds, or null for the single ambiguous {@code 1.500}/{@code 1,500} case. */
    private static Sep[] classify(List<Character> seps) {
        Sep[] kinds = new Sep[seps.size()];
        int dots = 0;
        int commas = 0;
        boolean arabicDecimal = false;
        for (char c : seps) {
            dots += c == '.' ? 1 : 0;
            commas += c == ',' ? 1 : 0;
            arabicDecimal |= c == '\u066B';
        }
        Character decimalChar = null;
        if (arabicDecimal) {
            decimalChar = '\u066B';
        } else if (dots > 0 && commas > 0) {
            char last = '.';
            for (char c : seps) {
                if (c == '.' || c == ',') {
                    last = c;
                }
            }
            decimalChar = last;
        } else if (dots + commas == 1) {
            if (seps.size() == 1) {
                return null; // 2.5, or ambiguous 1.500: decided in interpret by the digit counts
            }
            decimalChar = dots == 1 ? '.' : ','; // next to ٬ grouping: 1٬234.5
        }
        for (int k = 0; k < seps.size(); k++) {
            kinds[k] = decimalChar != null && seps.get(k).charValue() == decimalChar.charValue() ? Sep.DECIMAL : Sep.GROUP;
        }
        return kinds;
    }

    private static boolean valid(String text, List<int[]> groups, Sep[] kinds) {
        int decimals = 0;
        for (int k = 0; k < kinds.length; k++) {
            if (kinds[k] == Sep.DECIMAL) {
                decimals++;
                if (k != kinds.length - 1) {
                    return false;
                }
            } else {
                int len = groups.get(k + 1)[1] - groups.get(k + 1)[0];
                if (len != 3) {
                    return false;
                }
            }
        }
        int first = groups.get(0)[1] - groups.get(0)[0];
        boolean grouped = kinds[0] == Sep.GROUP;
        return decimals <= 1 && (!grouped || (first >= 1 && first <= 3));
    }

    private static NumberMention mention(String text, int start, int end, BigDecimal value, BigDecimal alt) {
        boolean percent = false;
        if (end < text.length() && isPercent(text.charAt(end))) {
            end++;
            percent = true;
        } else if (end + 1 < text.length() && text.charAt(end) == ' ' && isPercent(text.charAt(end + 1))) {
            end += 2;
            percent = true;
        } else if (start > 0 && isPercent(text.charAt(start - 1))) {
            start--;
            percent = true;
        }
        return new NumberMention(text.substring(start, end), start, end, value, alt, percent, false);
    }

    private static String digits(String text, int start, int end) {
        StringBuilder sb = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            sb.append((char) ('0' + digit(text.charAt(i))));
        }
        return sb.toString();
    }

    /** Compares the numbers of a source sentence and its translation; see the class comment. */
    public static NumberCheck compare(String source, String translation) {
        List<NumberMention> src = new ArrayList<>(extract(source));
        List<NumberMention> tgt = new ArrayList<>(extract(translation));
        // exact readings first, then ambiguous ones, so an ambiguous token never steals a plain match
        pair(src, tgt, false, false);
        pair(src, tgt, false, true);
        pair(src, tgt, true, true);
        List<NumberMention> englishWords = new ArrayList<>(NumberWords.english(translation));
        List<NumberMention> arabicWords = new ArrayList<>(NumberWords.arabic(source));
        src.removeIf(s -> takeMatch(englishWords, s));
        tgt.removeIf(t -> takeMatch(arabicWords, t));
        return new NumberCheck(src, tgt);
    }

    private static void pair(List<NumberMention> src, List<NumberMention> tgt, boolean srcAmbiguous, boolean tgtAmbiguous) {
        src.removeIf(s -> (s.ambiguous() == srcAmbiguous || srcAmbiguous) && takeMatch(tgt, s, tgtAmbiguous));
    }

    private static boolean takeMatch(List<NumberMention> pool, NumberMention m, boolean allowAmbiguous) {
        for (int k = 0; k < pool.size(); k++) {
            NumberMention p = pool.get(k);
            if ((allowAmbiguous || !p.ambiguous()) && p.matches(m)) {
                pool.remove(k);
                return true;
            }
        }
        return false;
    }

    private static boolean takeMatch(List<NumberMention> pool, NumberMention m) {
        return takeMatch(pool, m, true);
    }
}
