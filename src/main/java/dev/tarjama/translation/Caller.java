package dev.tarjama.translation;

import java.util.Objects;

/**
 * Who a request comes from, as far as the translation service cares: {@code id} names the client
 * whose sentences share one fair-scheduling queue ({@link Batcher}), and {@code maxCost} is the most
 * one request of theirs may cost, counted as distinct sentences × beams × maxLength (0: no cap). The
 * caller of the service decides what a client is (the HTTP API uses the API key's name, or the
 * remote address without keys).
 */
public record Caller(String id, long maxCost) {
    /** One shared client and no cost cap (library use, the CLI, tests). */
    public static final Caller ANONYMOUS = new Caller("", 0);

    public Caller {
        Objects.requireNonNull(id, "id");
        if (maxCost < 0) {
            throw new IllegalArgumentException("maxCost must not be negative, got " + maxCost);
        }
    }

    /**
     * Refuses a request of {@code sentences} distinct sentences decoded with {@code options} when it
     * costs more than {@link #maxCost}.
     *
     * @throws RequestTooCostlyException when over the cap
     */
    void checkCost(int sentences, DecodeOptions options) {
        long cost = (long) sentences * options.beams() * options.maxLength();
        if (maxCost > 0 && cost > maxCost) {
            throw new RequestTooCostlyException(sentences, options.beams(), options.maxLength(), maxCost);
        }
    }
}
