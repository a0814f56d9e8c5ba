package dev.tarjama.store;

import dev.tarjama.glossary.Glossaries;
import dev.tarjama.glossary.Glossary;
import dev.tarjama.glossary.GlossaryLimitException;
import dev.tarjama.glossary.GlossaryStore;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Glossaries in Redis, durable (no TTL): a hash {@code tarjama:glossary:NAME} with the version
 * ({@code v}, random per write) and the TSV ({@code tsv}), and the set {@code tarjama:glossaries} of
 * names. A write is one Lua script (atomic: readers see the old or the new glossary, never a mix;
 * the count limit is checked inside it). Each replica keeps a parsed copy per name and checks its
 * version on every use (one {@code HGET}), so a PUT on one replica is used by the next request on any
 * other. While Redis is unreachable a replica uses its last copy; writes and listings answer 503.
 */
final class RedisGlossaries implements Glossaries {
    static final String NAMES = "tarjama:glossaries";
    private static final String PUT = """
            local created = redis.call('SADD', KEYS[2], ARGV[1])
            if created == 1 and redis.call('SCARD', KEYS[2]) > tonumber(ARGV[4]) then
              redis.call('SREM', KEYS[2], ARGV[1])
              return -1
            end
            redis.call('HSET', KEYS[1], 'v', ARGV[2], 'tsv', ARGV[3])
            return created
            """;
    private static final String DELETE = """
            redis.call('SREM', KEYS[2], ARGV[1])
            return redis.call('DEL', KEYS[1])
            """;

    private record Copy(String version, Glossary glossary) {}

    private final RedisConnection redis;
    private final GlossaryStore.Limits limits;
    private final Map<String, Copy> copies = new ConcurrentHashMap<>();

    RedisGlossaries(RedisConnection redis, GlossaryStore.Limits limits) {
        this.redis = redis;
        this.limits = limits;
    }

    static String key(String name) {
        return "tarjama:glossary:" + name;
    }

    @Override
    public GlossaryStore.Limits limits() {
        return limits;
    }

    @Override
    public Optional<Glossary> get(String name) {
        Glossary.validateName(name);
        String key = key(name);
        Copy copy = copies.get(name);
        try {
            String version = redis.call(c -> c.hget(key, "v"));
            if (version == null) {
                copies.remove(name);
                return Optional.empty();
            }
            if (copy != null && copy.version().equals(version)) {
                return Optional.of(copy.glossary());
            }
            Map<String, String> stored = redis.call(c -> c.hgetall(key));
            if (stored.get("v") == null || stored.get("tsv") == null) {
                return Optional.empty(); // deleted in between
            }
            Glossary g = GlossaryStore.decode(name, stored.get("tsv"));
            copies.put(name, new Copy(stored.get("v"), g));
            return Optional.of(g);
        } catch (StoreUnavailableException e) {
            if (copy != null) {
                return Optional.of(copy.glossary());
            }
            throw e;
        }
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>(redis.call(c -> c.smembers(NAMES)));
        names.sort(null);
        return names;
    }

    @Override
    public boolean put(Glossary glossary) {
        String tsv = new String(GlossaryStore.encode(glossary, limits), StandardCharsets.UTF_8);
        String version = UUID.randomUUID().toString();
        Long created = redis.call(c -> c.<Long>eval(PUT, ScriptOutputType.INTEGER,
                new String[] {key(glossary.name()), NAMES},
                glossary.name(), version, tsv, Integer.toString(limits.maxGlossaries())));
        if (created == -1) {
            throw new GlossaryLimitException("the store already holds " + limits.maxGlossaries()
                    + " glossaries; at most " + limits.maxGlossaries() + " allowed");
        }
        copies.put(glossary.name(), new Copy(version, glossary));
        return created == 1;
    }

    @Override
    public boolean delete(String name) {
        Glossary.validateName(name);
        Long deleted = redis.call(c -> c.<Long>eval(DELETE, ScriptOutputType.INTEGER, new String[] {key(name), NAMES}, name));
        copies.remove(name);
        return deleted > 0;
    }
}
