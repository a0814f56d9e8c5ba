package dev.tarjama.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Degenerate repetition in a model output, the typical failure of a small or confused decoder:
 * a word 3-gram that occurs twice ("the talks focused ... the talks focused"; 3-grams of function words
 * only, such as "one of the", do not count), a word three times in a row ("2024 2024 2024"), a
 * character run ("wastttt", ",,,,,,") and a short letter pattern three times
 * in a row ("oricoricoric"). Digits and whitespace never count as character runs ({@code 1000000}).
 */
public final class Repetition {
    private static final Set<String> FUNCTION_WORDS = Set.of("the", "a", "an", "of", "in", "on", "at", "to", "for",
            "and", "or", "but", "by", "with", "from", "as", "that", "this", "these", "those", "is", "was", "were", "are",
            "be", "been", "it", "its", "his", "her", "their", "he", "she", "they", "we", "has", "have", "had", "not",
            "no", "will", "would", "one", "well", "which", "who", "also");
    private Repetition() {
    }

    /** The repeated pieces found, each once, in order of discovery; empty when none. */
    public static List<String> find(String text, int maxCharRun) {
        Set<String> found = new LinkedHashSet<>();
        List<String> words = words(text);
        for (int i = 0; i + 2 < words.size(); i++) {
            if (words.get(i).equals(words.get(i + 1)) && words.get(i).equals(words.get(i + 2))) {
                found.add(words.get(i) + " " + words.get(i) + " " + words.get(i));
            }
        }
        Map<String, Integer> trigrams = new HashMap<>();
        for (int i = 0; i + 2 < words.size(); i++) {
            if (FUNCTION_WORDS.contains(words.get(i)) && FUNCTION_WORDS.contains(words.get(i + 1))
                    && FUNCTION_WORDS.contains(words.get(i + 2))) {
                continue; // "one of the", "as well as" may well occur twice
            }
            String g = words.get(i) + " " + words.get(i + 1) + " " + words.get(i + 2);
            if (trigrams.merge(g, 1, Integer::sum) == 2) {
                found.add(g);
            }
        }
        findCharRuns(text, maxCharRun, found);
        findPatterns(text, found);
        return new ArrayList<>(found);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < text.length() && Character.isLetterOrDigit(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        }
        return words;
    }

    private static void findCharRuns(String text, int maxCharRun, Set<String> found) {
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int j = i + Character.charCount(cp);
            int count = 1;
            while (j < text.length() && text.codePointAt(j) == cp) {
                j += Character.charCount(cp);
                count++;
            }
            if (count >= maxCharRun && !Character.isWhitespace(cp) && !Character.isDigit(cp) && !Character.isSpaceChar(cp)) {
                found.add(text.substring(i, j));
            }
            i = j;
        }
    }

    /** A pattern of 2..5 letters repeated three times in a row, e.g. "oricoricoric". */
    private static void findPatterns(String text, Set<String> found) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            for (int p = 2; p <= 5 && i + 3 * p <= n; p++) {
                boolean letters = true;
                for (int k = i; k < i + p && letters; k++) {
                    letters = Character.isLetter(text.charAt(k));
                }
                if (!letters) {
                    continue;
                }
                String unit = text.substring(i, i + p);
                if (unit.chars().distinct().count() == 1) {
                    continue; // a single-character run is findCharRuns' business
                }
                if (text.startsWith(unit, i + p) && text.startsWith(unit, i + 2 * p)) {
                    found.add(unit + unit + unit);
                }
            }
        }
    }
}
