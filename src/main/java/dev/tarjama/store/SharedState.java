package dev.tarjama.store;

import dev.tarjama.glossary.Glossaries;
import dev.tarjama.glossary.GlossaryStore;
import dev.tarjama.translation.LocalRevisions;
import dev.tarjama.translation.RevisionStore;
import dev.tarjama.translation.SharedSentenceCache;
import java.nio.file.Path;

/**
 * The state replicas share, one implementation per kind, opened from {@link StoreSettings}:
 * embedded (files and this process's memory) or Redis. Close it after the server.
 *
 * @param glossaries null when stored glossaries are off (embedded without a glossary directory)
 * @param health null when embedded (nothing to be unreachable)
 */
public record SharedState(Glossaries glossaries, RevisionStore revisions, SharedSentenceCache sentences,
        QuotaStore quotas, StoreHealth health, AutoCloseable resources) implements AutoCloseable {

    /** Name of the quota log in the glossary directory (embedded store). */
    public static final String QUOTA_LOG = "quotas.log";

    /**
     * Opens the store. Embedded: glossaries in {@code glossaryDir} (null: none), the quota log
     * {@value #QUOTA_LOG} next to them (in memory without a directory). Redis: everything in Redis;
     * the connection is made on first use, so this does not fail while Redis is down.
     */
    public static SharedState open(StoreSettings settings, Path glossaryDir) {
        if (settings.embedded()) {
            GlossaryStore glossaries = glossaryDir == null ? null : new GlossaryStore(glossaryDir, GlossaryStore.Limits.defaults());
            LocalQuotas quotas = glossaryDir == null ? new LocalQuotas() : new LocalQuotas(glossaryDir.resolve(QUOTA_LOG));
            return new SharedState(glossaries, new LocalRevisions(10_000), SharedSentenceCache.NONE, quotas, null, quotas);
        }
        var uri = StoreSettings.redisUri(settings.uri());
        StoreHealth health = new StoreHealth(RedisConnection.describe(uri), StoreSettings.BACKOFF);
        RedisConnection redis = new RedisConnection(uri, settings.timeout(), health);
        redis.connectInBackground();
        return new SharedState(new RedisGlossaries(redis, GlossaryStore.Limits.defaults()),
                new RedisRevisions(redis, settings.ttl()),
                new RedisSentences(redis, settings.ttl(), StoreSettings.MAX_ENTRY_BYTES),
                new RedisQuotas(redis), health, redis);
    }

    /**
     * Waits up to {@code timeout} for the first connection to the shared store (the first one in a
     * JVM can take seconds); true when it answers (always, when embedded). A store that does not
     * answer by then is used degraded and retried in the background.
     */
    public boolean awaitStore(java.time.Duration timeout) throws InterruptedException {
        return !(resources instanceof RedisConnection redis) || redis.awaitFirstAttempt(timeout);
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
