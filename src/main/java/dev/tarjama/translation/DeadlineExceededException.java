package dev.tarjama.translation;

/**
 * A request ran out of time before all of its sentences were translated. Its sentences still
 * waiting in the queue were withdrawn; sentences already on the engine finish and stay cached.
 */
public final class DeadlineExceededException extends RuntimeException {
    private final long timeoutMillis;

    public DeadlineExceededException(long timeoutMillis) {
        super("the translation did not finish within " + timeoutMillis + " ms", null, false, false);
        this.timeoutMillis = timeoutMillis;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }
}
