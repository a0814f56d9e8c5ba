package dev.tarjama.translation;

/**
 * Tuning of the translation service; immutable and validated.
 *
 * @param tokenBudget sentences with more source tokens than this are split into pieces (1–512)
 * @param maxBatchSentences at most this many decoder rows (sentences × beams) go to the engine in one call
 * @param maxBatchTokens at most this many source tokens in one engine call (a single longer
 *     sentence still goes alone)
 * @param batchWaitMillis how long a worker waits after the first queued sentence for a batch to fill
 * @param queueCapacity sentences waiting for a worker, over all requests; beyond it requests are refused
 * @param cacheMaxChars weight bound of the sentence cache, in characters (source + translation); 0 disables it
 * @param workers threads calling the engine
 */
public record ServiceConfig(
        int tokenBudget,
        int maxBatchSentences,
        int maxBatchTokens,
        long batchWaitMillis,
        int queueCapacity,
        long cacheMaxChars,
        int workers) {

    /**
     * Budget 200 tokens, batches of ≤ 32 sentences and ≤ 4096 tokens, 5 ms fill wait, queue of 512
     * sentences, 20 million cached characters, 1 worker.
     */
    public static final ServiceConfig DEFAULTS = new ServiceConfig(200, 32, 4096, 5, 512, 20_000_000L, 1);

    public ServiceConfig {
        check(tokenBudget >= 1 && tokenBudget <= 512,
                "tokenBudget must be between 1 and 512, got " + tokenBudget);
        check(maxBatchSentences >= 1, "maxBatchSentences must be at least 1, got " + maxBatchSentences);
        check(maxBatchTokens >= 1, "maxBatchTokens must be at least 1, got " + maxBatchTokens);
        check(batchWaitMillis >= 0 && batchWaitMillis <= 10_000,
                "batchWaitMillis must be between 0 and 10000, got " + batchWaitMillis);
        check(queueCapacity >= 1, "queueCapacity must be at least 1, got " + queueCapacity);
        check(cacheMaxChars >= 0, "cacheMaxChars must not be negative, got " + cacheMaxChars);
        check(workers >= 1 && workers <= 64, "workers must be between 1 and 64, got " + workers);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public ServiceConfig withTokenBudget(int value) {
        return new ServiceConfig(
                value, maxBatchSentences, maxBatchTokens, batchWaitMillis, queueCapacity, cacheMaxChars, workers);
    }

    public ServiceConfig withBatch(int sentences, int tokens, long waitMillis) {
        return new ServiceConfig(
                tokenBudget, sentences, tokens, waitMillis, queueCapacity, cacheMaxChars, workers);
    }

    public ServiceConfig withQueueCapacity(int value) {
        return new ServiceConfig(
                tokenBudget, maxBatchSentences, maxBatchTokens, batchWaitMillis, value, cacheMaxChars, workers);
    }

    public ServiceConfig withCacheMaxChars(long value) {
        return new ServiceConfig(
                tokenBudget, maxBatchSentences, maxBatchTokens, batchWaitMillis, queueCapacity, value, workers);
    }

    public ServiceConfig withWorkers(int value) {
        return new ServiceConfig(
                tokenBudget, maxBatchSentences, maxBatchTokens, batchWaitMillis, queueCapacity, cacheMaxChars, value);
    }
}
