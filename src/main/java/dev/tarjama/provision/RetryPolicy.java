package dev.tarjama.provision;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How often to try a step whose failure may be transient ({@link DownloadException#retryable()}),
 * waiting {@code firstDelay}, then twice as long each time (at most 30 s).
 *
 * @param attempts tries in all, at least 1
 * @param firstDelay wait before the second try
 */
public record RetryPolicy(int attempts, Duration firstDelay) {
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        if (firstDelay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + firstDelay);
        }
    }

    /** Four tries, 1 s, 2 s and 4 s apart. */
    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofSeconds(1));
    }

    /**
     * Runs {@code step} until it succeeds, fails for good, or the tries run out.
     *
     * @param onRetry told why and how long before each new try
     * @throws DownloadException the last failure; after several tries its message says how many
     */
    public <T> T run(Supplier<T> step, Consumer<String> onRetry) {
        Duration delay = firstDelay;
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (DownloadException e) {
                if (!e.retryable()) {
                    throw e;
                }
                if (attempt >= attempts) {
                    throw attempts == 1 ? e
                            : new DownloadException(e.getMessage() + " (gave up after " + attempts + " tries)", true, e);
                }
                onRetry.accept(firstClause(e.getMessage()) + "; trying again in " + seconds(delay));
                sleep(delay);
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
        }
    }

    /** The message up to its first ';' (advice is given once, with the final failure). */
    private static String firstClause(String message) {
        int semicolon = message.indexOf(';');
        return semicolon < 0 ? message : message.substring(0, semicolon);
    }

    private static String seconds(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DownloadException.permanent("download interrupted");
        }
    }
}
