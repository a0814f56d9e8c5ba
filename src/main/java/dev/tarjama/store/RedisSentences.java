package dev.tarjama.store;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.tarjama.translation.EngineResult;
import dev.tarjama.translation.SharedSentenceCache;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The second-level sentence cache in Redis: {@code tarjama:sentence:SHA256} (the digest of the first
 * level's key: model revision, decoding options, normalized sentence) holds the engine's result as
 * JSON with a TTL. An entry over {@code maxEntryBytes} is not stored. Lookups are one {@code MGET} per
 * request; stores are sent without waiting. Any failure is a miss. Total size is bounded by the TTL
 * and by the server's {@code maxmemory} with {@code maxmemory-policy volatile-lru} (docs/operations.md).
 */
final class RedisSentences implements SharedSentenceCache {
    static final String PREFIX = "tarjama:sentence:";
    private final RedisConnection redis;
    private final Duration ttl;
    private final int maxEntryBytes;
    private final Gson gson = new Gson();

    RedisSentences(RedisConnection redis, Duration ttl, int maxEntryBytes) {
        this.redis = redis;
        this.ttl = ttl;
        this.maxEntryBytes = maxEntryBytes;
    }

    @Override
    public Map<String, EngineResult> getAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        String[] full = keys.stream().map(k -> PREFIX + k).toArray(String[]::new);
        List<KeyValue<String, String>> values;
        try {
            values = redis.call(c -> c.mget(full));
        } catch (StoreUnavailableException e) {
            return Map.of();
        }
        Map<String, EngineResult> found = new HashMap<>();
        for (KeyValue<String, String> kv : values) {
            if (kv.hasValue()) {
                try {
                    found.put(kv.getKey().substring(PREFIX.length()), gson.fromJson(kv.getValue(), EngineResult.class));
                } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
                    // not an entry we wrote: a miss
                }
            }
        }
        return found;
    }

    @Override
    public void put(String key, EngineResult result) {
        String json = gson.toJson(result);
        if (json.getBytes(StandardCharsets.UTF_8).length > maxEntryBytes) {
            return;
        }
        redis.send(c -> c.set(PREFIX + key, json, SetArgs.Builder.px(ttl.toMillis())));
    }
}
