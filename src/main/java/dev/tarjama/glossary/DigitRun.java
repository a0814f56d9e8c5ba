package dev.tarjama.glossary;

import dev.tarjama.text.Digits;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of digits (ASCII, Arabic-Indic, Persian) with {@code , . ٬ ٫} allowed between digits.
 * {@code digits} is the run's digits in ASCII without separators; {@code plainGrouping} says the
 * separators (if any) are thousands grouping ({@code 7,001}), so the run reads as the integer
 * {@code digits}.
 */
record DigitRun(int start, int end, String text, String digits, boolean plainGrouping) {
    static int digit(char c) {
        return Digits.value(c);
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == '.' || c == '\u066C' || c == '\u066B';
    }

    static List<DigitRun> find(String s) {
        List<DigitRun> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (digit(s.charAt(i)) < 0) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder digits = new StringBuilder();
            boolean grouping = true;
            int groupLength = 0;
            boolean sawSeparator = false;
            while (i < s.length()) {
                char c = s.charAt(i);
                int d = digit(c);
                if (d >= 0) {
                    digits.append((char) ('0' + d));
                    groupLength++;
                    i++;
                } else if (isSeparator(c) && i + 1 < s.length() && digit(s.charAt(i + 1)) >= 0) {
                    grouping &= c != '\u066B' && (sawSeparator ? groupLength == 3 : groupLength <= 3);
                    sawSeparator = true;
                    groupLength = 0;
                    i++;
                } else {
                    break;
                }
            }
            grouping &= !sawSeparator || groupLength == 3;
            out.add(new DigitRun(start, i, s.substring(start, i), digits.toString(), grouping));
        }
        return out;
    }
}
