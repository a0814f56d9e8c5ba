package dev.tarjama.store;

import io.lettuce.core.ScriptOutputType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Quotas as counters in Redis, {@code tarjama:quota:DAY:KEY}, checked and incremented by one Lua
 * script (so concurrent requests on all replicas never together pass the limit), expiring at the end
 * of the day after (UTC). While Redis is unreachable, each replica counts in its memory (fail open to
 * a per-replica quota rather than refusing translations); those charges are not added to Redis later.
 */
final class RedisQuotas implements QuotaStore {
    private static final String CHARGE = """
            local used = tonumber(redis.call('GET', KEYS[1]) or '0')
            if used + tonumber(ARGV[1]) > tonumber(ARGV[2]) then return {0, used} end
            redis.call('INCRBY', KEYS[1], ARGV[1])
            redis.call('EXPIREAT', KEYS[1], ARGV[3])
            return {1, used}
            """;
    private static final String REFUND = """
            local used = tonumber(redis.call('GET', KEYS[1]) or '0')
            if used <= 0 then return 0 end
            redis.call('SET', KEYS[1], math.max(0, used - tonumber(ARGV[1])), 'KEEPTTL')
            return 1
            """;

    private final RedisConnection redis;
    private final LocalQuotas fallback = new LocalQuotas();

    RedisQuotas(RedisConnection redis) {
        this.redis = redis;
    }

    static String key(String keyName, LocalDate day) {
        return "tarjama:quota:" + day + ":" + keyName;
    }

    @Override
    public Charge charge(String keyName, LocalDate day, long chars, long limit) {
        long expireAt = day.plusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        try {
            List<Object> r = redis.call(c -> c.<List<Object>>eval(CHARGE, ScriptOutputType.MULTI,
                    new String[] {key(keyName, day)}, Long.toString(chars), Long.toString(limit), Long.toString(expireAt)));
            return new Charge(((Long) r.get(0)) == 1, (Long) r.get(1));
        } catch (StoreUnavailableException e) {
            return fallback.charge(keyName, day, chars, limit);
        }
    }

    @Override
    public void refund(String keyName, LocalDate day, long chars) {
        if (fallback.used(keyName, day) >= chars) {
            fallback.refund(keyName, day, chars); // charged while Redis was unreachable
            return;
        }
        try {
            redis.call(c -> c.<Long>eval(REFUND, ScriptOutputType.INTEGER, new String[] {key(keyName, day)},
                    Long.toString(chars)));
        } catch (StoreUnavailableException e) {
            // the refund is lost: the key keeps the charge (never more than it asked for)
        }
    }
}
