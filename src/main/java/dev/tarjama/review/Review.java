package dev.tarjama.review;

import java.util.List;

/** Whether a sentence needs a human look, and why; {@code needed} is true exactly when there is a reason. */
public record Review(boolean needed, List<Reason> reasons) {
    public Review {
        reasons = List.copyOf(reasons);
        if (needed != !reasons.isEmpty()) {
            throw new IllegalArgumentException("needed must be true exactly when there are reasons");
        }
    }

    public static Review of(List<Reason> reasons) {
        return new Review(!reasons.isEmpty(), reasons);
    }

    /** True when one of the reasons has this code. */
    public boolean has(ReasonCode code) {
        return reasons.stream().anyMatch(r -> r.code() == code);
    }
}
