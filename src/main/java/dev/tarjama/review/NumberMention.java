package dev.tarjama.review;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One number found in a text: its exact surface {@code text.substring(start, end)}, the value it is read
 * as, and, for an ambiguous grouping such as {@code 1.500} or {@code 1,500}, the other possible
 * reading. {@code percent} says a {@code %} or {@code ٪} belongs to it (shown, not compared);
 * {@code word} says it was a number word ("three", "ثلاثة"), which only ever confirms a digit number.
 */
public record NumberMention(
        String surface, int start, int end, BigDecimal value, BigDecimal alternative, boolean percent, boolean word) {
    public NumberMention {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(value, "value");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The values this mention may stand for: its reading, then the alternative if any. */
    public List<BigDecimal> values() {
        return alternative == null ? List.of(value) : List.of(value, alternative);
    }

    /** True when {@code v} is one of {@link #values()} (numerically, {@code 1.50 == 1.5}). */
    public boolean matches(BigDecimal v) {
        return value.compareTo(v) == 0 || (alternative != null && alternative.compareTo(v) == 0);
    }

    /** True when the two mentions can stand for the same value. */
    public boolean matches(NumberMention other) {
        for (BigDecimal v : other.values()) {
            if (matches(v)) {
                return true;
            }
        }
        return false;
    }

    public boolean ambiguous() {
        return alternative != null;
    }
}
