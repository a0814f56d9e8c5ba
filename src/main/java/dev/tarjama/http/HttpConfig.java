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
 * @param maxRequestCost most a translation request may cost, as distinct sentences × beams ×
 *     maxLength (422 {@code request_too_costly} beyond it); 0: no cap
 * @param maxClientRequests most translation requests one client (API key, or remote address without
 *     keys) may have in progress at once (429 {@code too_many_requests} beyond it)
 */
public record HttpConfig(long bodyLimitBytes, int maxTexts, int retryAfterSeconds, DecodeOptions defaultOptions,
        ClientLimits limits, long maxRequestCost, int maxClientRequests) {

    static final long DEFAULT_MAX_REQUEST_COST = 1L << 20;
    static final int DEFAULT_MAX_CLIENT_REQUESTS = 8;

    /**
     * 1 MiB bodies, 50 texts per batch, Retry-After 1 s, beam 4 / 512 tokens, {@link ClientLimits#DEFAULTS},
     * requests up to a cost of 1,048,576 (512 sentences at beam 4 / 512 tokens), 8 requests in progress
     * per client.
     */
    public static final HttpConfig DEFAULTS = new HttpConfig(1L << 20, 50, 1, DecodeOptions.DEFAULT);

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
        if (maxRequestCost < 0) {
            throw new IllegalArgumentException("maxRequestCost must not be negative, got " + maxRequestCost);
        }
        if (maxClientRequests < 1) {
            throw new IllegalArgumentException("maxClientRequests must be positive, got " + maxClientRequests);
        }
    }

    /** With the default client limits, cost cap and per-client request limit. */
    public HttpConfig(long bodyLimitBytes, int maxTexts, int retryAfterSeconds, DecodeOptions defaultOptions) {
        this(bodyLimitBytes, maxTexts, retryAfterSeconds, defaultOptions, ClientLimits.DEFAULTS,
                DEFAULT_MAX_REQUEST_COST, DEFAULT_MAX_CLIENT_REQUESTS);
    }

    public HttpConfig withBodyLimitBytes(long value) {
        return new HttpConfig(value, maxTexts, retryAfterSeconds, defaultOptions, limits, maxRequestCost, maxClientRequests);
    }

    public HttpConfig withMaxTexts(int value) {
        return new HttpConfig(bodyLimitBytes, value, retryAfterSeconds, defaultOptions, limits, maxRequestCost, maxClientRequests);
    }

    public HttpConfig withDefaultOptions(DecodeOptions value) {
        return new HttpConfig(bodyLimitBytes, maxTexts, retryAfterSeconds, value, limits, maxRequestCost, maxClientRequests);
    }

    public HttpConfig withLimits(ClientLimits value) {
        return new HttpConfig(bodyLimitBytes, maxTexts, retryAfterSeconds, defaultOptions, value, maxRequestCost, maxClientRequests);
    }

    public HttpConfig withMaxRequestCost(long value) {
        return new HttpConfig(bodyLimitBytes, maxTexts, retryAfterSeconds, defaultOptions, limits, value, maxClientRequests);
    }

    public HttpConfig withMaxClientRequests(int value) {
        return new HttpConfig(bodyLimitBytes, maxTexts, retryAfterSeconds, defaultOptions, limits, maxRequestCost, value);
    }
}
