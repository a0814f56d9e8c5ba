package dev.tarjama.store;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where replicas share state ({@code --store}): {@code embedded} (this process only: glossaries as
 * files, quotas in a log next to them, revisions and the sentence cache in memory) or a Redis URI,
 * {@code redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]} or {@code rediss://...} for TLS.
 *
 * @param uri null for embedded
 * @param ttl how long Redis keeps a cached sentence or an article's revisions after their last write
 * @param timeout time limit of one Redis command (and of the connection handshake); beyond it the
 *     store counts as down
 */
public record StoreSettings(String uri, Duration ttl, Duration timeout) {
    /** Default time limit of one Redis command. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** The embedded default: today's single-process behaviour. */
    public static final StoreSettings EMBEDDED = new StoreSettings(null, Duration.ofDays(7), DEFAULT_TIMEOUT);
    /** Largest cached sentence entry stored in Redis (JSON bytes); larger ones stay in the local cache only. */
    public static final int MAX_ENTRY_BYTES = 64 * 1024;
    /** After a failure, how long requests skip Redis before trying it again. */
    public static final Duration BACKOFF = Duration.ofSeconds(2);

    public StoreSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("store timeout must be at least 1 ms");
        }
        if (ttl.toMillis() < 1000) {
            throw new IllegalArgumentException("store TTL must be at least 1 s, got " + ttl.toMillis() + " ms");
        }
        if (uri != null) {
            redisUri(uri); // validates
        }
    }

    /** Parses {@code embedded} or a redis:// / rediss:// URI. */
    public static StoreSettings parse(String value, Duration ttl, Duration timeout) {
        String v = value.strip();
        return new StoreSettings(v.equalsIgnoreCase("embedded") ? null : v, ttl, timeout);
    }

    /** With the default command timeout. */
    public static StoreSettings parse(String value, Duration ttl) {
        return parse(value, ttl, DEFAULT_TIMEOUT);
    }

    public boolean embedded() {
        return uri == null;
    }

    static RedisURI redisUri(String uri) {
        String scheme = uri.contains("://") ? uri.substring(0, uri.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("store must be 'embedded' or a redis:// or rediss:// URI, got '"
                    + redacted(uri) + "'");
        }
        try {
            return RedisURI.create(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("store URI '" + redacted(uri) + "' is not valid: " + e.getMessage());
        }
    }

    /** The URI without its password, for messages and logs. */
    public static String redacted(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public String toString() {
        return "StoreSettings[" + (uri == null ? "embedded" : redacted(uri)) + ", ttl=" + ttl + ", timeout=" + timeout + "]";
    }
}
