package dev.tarjama.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One Lettuce connection to the Redis (or Valkey) server, shared by every thread (Lettuce
 * multiplexes it). Connects lazily, so {@code serve} starts even while Redis is down; once connected,
 * Lettuce reconnects by itself every 500 ms after a loss. While disconnected, commands fail at once
 * (no queueing), every command has a time limit, and after any failure {@link StoreHealth} makes
 * callers skip Redis for a back-off instead of each waiting for the limit.
 */
final class RedisConnection implements AutoCloseable {
    /** How long a caller waits for another thread's connection attempt. */
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);
    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final StoreHealth health;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> connection;
    private final java.util.concurrent.CountDownLatch firstAttempt = new java.util.concurrent.CountDownLatch(1);

    RedisConnection(RedisURI uri, Duration commandTimeout, StoreHealth health) {
        this.uri = uri;
        this.health = health;
        uri.setTimeout(commandTimeout);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.constant(Duration.ofMillis(500))).build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .build());
    }

    /** Connects now on a background thread (so the first request does not wait for it); failures only count. */
    void connectInBackground() {
        Thread t = new Thread(() -> {
            try {
                call(c -> c.ping());
            } catch (StoreUnavailableException e) {
                // logged by the health; retried on use
            } finally {
                firstAttempt.countDown();
            }
        }, "tarjama-store-connect");
        t.setDaemon(true);
        t.start();
    }

    /** Waits for the background connection attempt; true when it succeeded. */
    boolean awaitFirstAttempt(Duration timeout) throws InterruptedException {
        return firstAttempt.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) && health.up();
    }

    StoreHealth health() {
        return health;
    }

    /**
     * Runs synchronous commands; any failure (no connection, error, time limit) is reported to the
     * health and thrown as {@link StoreUnavailableException}.
     */
    <T> T call(Function<RedisCommands<String, String>, T> commands) {
        if (!health.shouldTry()) {
            throw new StoreUnavailableException("the shared store is unreachable (retrying in the background)", null);
        }
        try {
            T result = commands.apply(connection().sync());
            health.success();
            return result;
        } catch (RuntimeException e) {
            health.failure(e);
            throw new StoreUnavailableException("the shared store did not answer: " + e.getMessage(), e);
        }
    }

    /** Sends commands without waiting; a failure is only reported to the health. Skipped while it is down. */
    void send(Function<RedisAsyncCommands<String, String>, RedisFuture<?>> commands) {
        if (!health.shouldTry()) {
            return;
        }
        try {
            commands.apply(connection().async()).whenComplete((r, e) -> {
                if (e != null) {
                    health.failure(e);
                } else {
                    health.success();
                }
            });
        } catch (RuntimeException e) {
            health.failure(e);
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            return c;
        }
        try {
            if (!connecting.tryLock(CONNECT_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("still connecting to " + describe(uri));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + describe(uri));
        }
        try {
            if (connection == null) {
                connection = client.connect(uri);
            }
            return connection;
        } finally {
            connecting.unlock();
        }
    }

    /** host:port/db and the scheme, never the password. */
    static String describe(RedisURI uri) {
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
