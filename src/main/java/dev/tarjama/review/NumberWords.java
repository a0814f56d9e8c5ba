package dev.tarjama.review;

import dev.tarjama.glossary.ArabicFolding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Number words, a deliberately small scope: English cardinals zero to twelve ("three", "Three") and
 * the Arabic cardinals one to ten in their common masculine and feminine forms ({@code ثلاث ثلاثة}),
 * with an optional {@code و ب ل} proclitic, tashkeel ignored. They only confirm a digit number on the
 * other side (see {@link NumberGuard}); ordinals, compounds ("twenty-one") and scale words
 * ("million", {@code مليون}) are not read.
 */
public final class NumberWords {
    private static final Map<String, Integer> ENGLISH = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12));

    /** Folded forms (bare alef) of Arabic cardinals 1-10. */
    private static final Map<String, Integer> ARABIC = Map.ofEntries(
            Map.entry("واحد", 1), Map.entry("واحدة", 1), Map.entry("اثنان", 2), Map.entry("اثنين", 2),
            Map.entry("اثنتان", 2), Map.entry("اثنتين", 2), Map.entry("ثلاث", 3), Map.entry("ثلاثة", 3),
            Map.entry("اربع", 4), Map.entry("اربعة", 4), Map.entry("خمس", 5), Map.entry("خمسة", 5),
            Map.entry("ست", 6), Map.entry("ستة", 6), Map.entry("سبع", 7), Map.entry("سبعة", 7),
            Map.entry("ثمان", 8), Map.entry("ثماني", 8), Map.entry("ثمانية", 8), Map.entry("تسع", 9),
            Map.entry("تسعة", 9), Map.entry("عشر", 10), Map.entry("عشرة", 10));

    private NumberWords() {
    }

    /** English number words zero..twelve in {@code text}, any case. */
    public static List<NumberMention> english(String text) {
        List<NumberMention> out = new ArrayList<>();
        forEachWord(text, (start, end) -> {
            Integer v = ENGLISH.get(text.substring(start, end).toLowerCase(Locale.ROOT));
            if (v != null) {
                out.add(new NumberMention(text.substring(start, end), start, end, BigDecimal.valueOf(v), null, false, true));
            }
        });
        return out;
    }

    /** Arabic number words 1..10 in {@code text}. */
    public static List<NumberMention> arabic(String text) {
        ArabicFolding.Folded folded = ArabicFolding.fold(text);
        String f = folded.text();
        List<NumberMention> out = new ArrayList<>();
        forEachWord(f, (start, end) -> {
            String w = f.substring(start, end);
            Integer v = ARABIC.get(w);
            if (v == null && w.length() > 3 && (w.charAt(0) == 'و' || w.charAt(0) == 'ب' || w.charAt(0) == 'ل')) {
                v = ARABIC.get(w.substring(1));
            }
            if (v != null) {
                int s = folded.originalStart(start);
                int e = folded.originalEnd(end);
                out.add(new NumberMention(text.substring(s, e), s, e, BigDecimal.valueOf(v), null, false, true));
            }
        });
        return out;
    }

    private interface WordSink {
        void accept(int start, int end);
    }

    private static void forEachWord(String text, WordSink sink) {
        int i = 0;
        while (i < text.length()) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            sink.accept(start, i);
        }
    }
}
