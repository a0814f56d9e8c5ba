package dev.tarjama.store;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the shared store answers. A failure marks it down (logged once, with the cause), counts an
 * error and starts a back-off during which callers skip the store instead of each waiting for its
 * timeout; the first success after that marks it up again (logged once). Thread-safe.
 */
public final class StoreHealth {
    private static final Logger LOG = LoggerFactory.getLogger("tarjama.store");

    private final String target;
    private final long backoffNanos;
    private final Clock clock;
    private final LongAdder errors = new LongAdder();
    private volatile boolean up = true;
    private volatile long retryAtNanos;
    private volatile String lastError;
    private volatile Instant downSince;

    /** @param target where the store is, for logs and health details (never a password) */
    public StoreHealth(String target, java.time.Duration backoff) {
        this.target = target;
        this.backoffNanos = backoff.toNanos();
        this.clock = Clock.systemUTC();
    }

    /** False during the back-off after a failure: skip the store (treat it as down) without trying. */
    public boolean shouldTry() {
        return up || System.nanoTime() - retryAtNanos >= 0;
    }

    /** A call to the store succeeded. */
    public void success() {
        if (!up) {
            synchronized (this) {
                if (!up) {
                    up = true;
                    LOG.info("shared store {} answers again after being unreachable since {}", target, downSince);
                    downSince = null;
                }
            }
        }
    }

    /** A call to the store failed (error, timeout or no connection). */
    public void failure(Throwable cause) {
        errors.increment();
        retryAtNanos = System.nanoTime() + backoffNanos;
        lastError = describe(cause);
        if (up) {
            synchronized (this) {
                if (up) {
                    up = false;
                    downSince = clock.instant();
                    LOG.warn("shared store {} is unreachable ({}); translation continues from the local cache and "
                            + "engine, glossary writes answer 503 until it is back", target, lastError);
                }
            }
        }
    }

    public boolean up() {
        return up;
    }

    /** Failed calls since start. */
    public long errors() {
        return errors.sum();
    }

    /** What {@code /v1/health/ready} shows about the store. */
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", "redis");
        d.put("target", target);
        d.put("status", up ? "up" : "degraded");
        if (!up) {
            d.put("since", String.valueOf(downSince));
            d.put("error", lastError);
            d.put("effect", "translations use the local cache only; quotas and revisions are counted locally; "
                    + "glossary writes answer 503");
        }
        return d;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
