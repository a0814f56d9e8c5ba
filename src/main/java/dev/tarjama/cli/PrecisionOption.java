package dev.tarjama.cli;

import dev.tarjama.model.Precision;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code --precision fp32|bf16|int8} (and {@code TARJAMA_PRECISION}, and a model's
 * {@code :precision=P} in {@code --models}): a bad value is a one-line {@link Args.UsageException}
 * naming where it came from.
 */
final class PrecisionOption {
    /** The environment variable {@code serve} and {@code translate} read when the flag is not given. */
    static final String ENV = "TARJAMA_PRECISION";

    private PrecisionOption() {}

    /** {@code fp32, bf16, int8}. */
    static String accepted() {
        return Arrays.stream(Precision.values()).map(Precision::label).collect(Collectors.joining(", "));
    }

    /**
     * @param prefix what the message starts with, e.g. {@code "translate: --precision"}
     * @throws Args.UsageException {@code <prefix> must be one of fp32, bf16, int8, got '<value>'}
     */
    static Precision parse(String prefix, String value) {
        try {
            return Precision.parse(value);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(prefix + " must be one of " + accepted() + ", got '" + value + "'");
        }
    }
}
