package dev.tarjama.review;

import java.util.List;
import java.util.Objects;

/**
 * One reason for review: a stable {@link ReasonCode}, a message for the editor with the details
 * ("in the source but not in the translation: ٢٠٢٢"), and the offending items themselves (numbers,
 * terms, repeated n-grams, Arabic words) for tools.
 */
public record Reason(ReasonCode code, String message, List<String> items) {
    public Reason {
        Objects.requireNonNull(code, "code");
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a reason needs a message");
        }
        items = List.copyOf(items);
    }

    /** The stable code, e.g. {@code low_confidence}. */
    public String codeId() {
        return code.id();
    }
}
