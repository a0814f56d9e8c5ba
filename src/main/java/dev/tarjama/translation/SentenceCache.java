package dev.tarjama.translation;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sentence translations keyed by (model revision, decoding options, normalized sentence), bounded
 * by weight in characters. Entries are futures, so a sentence already being translated for one
 * request is joined by the others instead of being queued twice; failed futures leave the cache.
 */
final class SentenceCache {

    /** Cache key; the revision identifies the model files. */
    record Key(String revision, DecodeOptions options, String sentence) {
        Key {
            Objects.requireNonNull(revision, "revision");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(sentence, "sentence");
        }
    }

    /** What a lookup found: a completed entry ({@code hit}), or a future to wait for. */
    record Lookup(CompletableFuture<EngineResult> result, boolean hit, boolean owner) {}

    private final AsyncCache<Key, EngineResult> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    SentenceCache(long maxChars) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxChars)
                .weigher((Key k, EngineResult v) -> k.sentence().length() + v.translation().length())
                .buildAsync();
    }

    /**
     * Finds the entry for a key, or installs a new incomplete future that the caller then owns and
     * must complete (or {@link #abandon}).
     */
    Lookup lookup(Key key) {
        while (true) {
            CompletableFuture<EngineResult> existing = cache.getIfPresent(key);
            if (existing != null && existing.isDone() && !existing.isCompletedExceptionally()) {
                hits.increment();
                return new Lookup(existing, true, false);
            }
            if (existing != null && !existing.isDone()) {
                misses.increment();
                return new Lookup(existing, false, false);
            }
            CompletableFuture<EngineResult> mine = new CompletableFuture<>();
            CompletableFuture<EngineResult> prior = cache.asMap().putIfAbsent(key, mine);
            if (prior == null) {
                misses.increment();
                return new Lookup(mine, false, true);
            }
            // lost a race (or found a failed entry being removed): look again
            if (prior.isCompletedExceptionally()) {
                cache.asMap().remove(key, prior);
            }
        }
    }

    /**
     * Removes an owned entry that will never be computed. Requests that joined it get a
     * {@link WithdrawnException} and queue the sentence themselves (a cancellation, which the cache
     * does not log as a failed load).
     */
    void abandon(Key key, CompletableFuture<EngineResult> owned) {
        cache.asMap().remove(key, owned);
        owned.completeExceptionally(new WithdrawnException());
    }

    CacheStats stats() {
        var sync = cache.synchronous();
        sync.cleanUp();
        long weight = sync.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
        return new CacheStats(hits.sum(), misses.sum(), sync.estimatedSize(), weight);
    }
}
