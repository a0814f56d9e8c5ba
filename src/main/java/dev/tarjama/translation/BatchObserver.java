package dev.tarjama.translation;

/**
 * Told about every engine call the service makes, for throughput metrics. Called on a batch worker
 * thread right after the call; implementations must be fast, thread-safe and must not throw.
 */
public interface BatchObserver {

    /**
     * One engine call finished.
     *
     * @param sentences sentences in the batch
     * @param sourceTokens their source tokens
     * @param outputTokens target tokens generated (0 when failed or unknown)
     * @param nanos wall time of the engine call
     * @param failed whether the engine threw (every sentence of the batch then failed)
     */
    void batchDone(int sentences, long sourceTokens, long outputTokens, long nanos, boolean failed);

    /** Sentences taken off the queue unprocessed because their request passed its deadline. */
    default void sentencesWithdrawn(int sentences) {}
}
