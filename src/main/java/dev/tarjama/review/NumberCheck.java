package dev.tarjama.review;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Result of comparing the numbers of a source sentence with those of its translation as multisets of
 * values: numbers of the source that the translation lacks ({@code missing}), and numbers of the
 * translation that the source lacks ({@code extra}). Nothing is ever corrected, only reported.
 */
public record NumberCheck(List<NumberMention> missing, List<NumberMention> extra) {
    public NumberCheck {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
    }

    public boolean ok() {
        return missing.isEmpty() && extra.isEmpty();
    }

    /** "missing 2.200.112; extra 2, 200, 12" (empty when {@link #ok()}). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (!missing.isEmpty()) {
            sb.append("in the source but not in the translation: ").append(surfaces(missing));
        }
        if (!extra.isEmpty()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append("in the translation but not in the source: ").append(surfaces(extra));
        }
        return sb.toString();
    }

    private static String surfaces(List<NumberMention> mentions) {
        return mentions.stream().map(NumberMention::surface).collect(Collectors.joining(", "));
    }
}
