package dev.tarjama.cli;

import dev.tarjama.model.Precision;
import java.util.Arrays;
import java.util.Map;
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

    /**
     * {@code --precision}, else {@code TARJAMA_PRECISION} from {@code env} (blank: unset), else fp32;
     * what {@code translate} and {@code bench} read ({@code serve} reads it through its options table).
     *
     * @param command the sub-command, named in the error
     */
    static Precision fromFlagOrEnv(String command, Args args, Map<String, String> env) {
        if (args.value("precision").isPresent()) {
            return parse(command + ": --precision", args.value("precision").get());
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? Precision.FP32 : parse(command + ": " + ENV, fromEnv.strip());
    }

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
