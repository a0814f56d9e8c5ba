package dev.tarjama.http;

import dev.tarjama.translation.DecodeOptions;
import java.util.Objects;

/**
 * HTTP settings; immutable and validated.
 *
 * @param bodyLimitBytes largest accepted request body (by Content-Length and by bytes actually read)
 * @param maxTexts most articles in one {@code texts} batch or LibreTranslate {@code q} array
 * @param retryAfterSeconds value of {@code Retry-After} on 429 answers
 * @param defaultOptions decoding options when a request gives none
 * @param limits connections, slow clients and concurrent streams
 */
public record HttpConfig(long bodyLimitBytes, int maxTexts, int retryAfterSeconds, DecodeOptions defaultOptions,
        ClientLimits limits) {

    /** 1 MiB bodies, 50 texts per batch, Retry-After 1 s, beam 4 / 512 tokens, {@link ClientLimits#DEFAULTS}. */
    public static final HttpConfig DEFAULTS = new HttpConfig(1L << 20, 50, 1, DecodeOptions.DEFAULT, ClientLimits.DEFAULTS);

    public HttpConfig {
        if (bodyLimitBytes < 1) {
            throw new IllegalArgumentException("bodyLimitBytes must be positive, got " + bodyLimitBytes);
        }
        if (maxTexts < 1) {
            throw new IllegalArgumentException("maxTexts must be positive, got " + maxTexts);
        }
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be positive, got " + retryAfterSeconds);
        }
        Objects.requireNonNull(defaultOptions, "defaultOptions");
        Objects.requireNonNull(limits, "limits");
    }

    public HttpConfig withBodyLimitBytes(long value) {
        return new HttpConfig(value, maxTexts, retryAfterSeconds, defaultOptions, limits);
    }

    public HttpConfig withMaxTexts(int value) {
        return new HttpConfig(bodyLimitBytes, value, retryAfterSeconds, defaultOptions, limits);
    }

    public HttpConfig withDefaultOptions(DecodeOptions value) {
        return new HttpConfig(bodyLimitBytes, maxTexts, retryAfterSeconds, value, limits);
    }

    public HttpConfig withLimits(ClientLimits value) {
        return new HttpConfig(bodyLimitBytes, maxTexts, retryAfterSeconds, defaultOptions, value);
    }
}
