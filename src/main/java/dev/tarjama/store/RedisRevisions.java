package dev.tarjama.store;

import dev.tarjama.translation.LocalRevisions;
import dev.tarjama.translation.RevisionStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Article revisions in Redis: a hash {@code tarjama:article:ID} with the latest and the previous
 * revision's name and paragraph fingerprints, updated by one Lua script (atomic across replicas) that
 * also renews its TTL. While Redis is unreachable, revisions are recorded in this replica's memory
 * (compared with what this replica saw) and the store catches up with the next revision after.
 */
final class RedisRevisions implements RevisionStore {
    private static final String RECORD = """
            local latest = redis.call('HGET', KEYS[1], 'lr')
            if not latest then
              redis.call('HSET', KEYS[1], 'lr', ARGV[1], 'lp', ARGV[2])
            elseif latest == ARGV[1] then
              redis.call('HSET', KEYS[1], 'lp', ARGV[2])
            else
              redis.call('HSET', KEYS[1], 'pr', latest, 'pp', redis.call('HGET', KEYS[1], 'lp'), 'lr', ARGV[1], 'lp', ARGV[2])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            local previous = redis.call('HGET', KEYS[1], 'pr')
            if not previous then return {} end
            return {previous, redis.call('HGET', KEYS[1], 'pp')}
            """;

    private final RedisConnection redis;
    private final Duration ttl;
    private final LocalRevisions fallback = new LocalRevisions(10_000);

    RedisRevisions(RedisConnection redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    @Override
    public Revision record(String articleId, Revision current) {
        Revision local = fallback.record(articleId, current);
        try {
            List<Object> previous = redis.call(c -> c.<List<Object>>eval(RECORD, ScriptOutputType.MULTI,
                    new String[] {"tarjama:article:" + articleId}, current.revision(),
                    String.join(",", current.paragraphs()), Long.toString(ttl.toMillis())));
            if (previous == null || previous.size() != 2) {
                return null;
            }
            String paragraphs = (String) previous.get(1);
            return new Revision((String) previous.get(0),
                    paragraphs.isEmpty() ? List.of() : Arrays.asList(paragraphs.split(",")));
        } catch (StoreUnavailableException e) {
            return local;
        }
    }
}
