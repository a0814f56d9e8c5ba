package dev.tarjama.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on what one client connection may hold; immutable and validated.
 *
 * @param maxConnections most open connections; beyond it the server stops accepting (new clients wait
 *     in the kernel's backlog) and idle connections are closed sooner
 * @param idleTimeout longest silence on a connection while a request is read or its answer written (and
 *     between keep-alive requests); a request body that stalls this long gets {@code 408 body_timeout}
 * @param minBodyBytesPerSecond a request body arriving slower than this (averaged from its first byte)
 *     gets {@code 408 body_timeout}; 0 turns the check off
 * @param maxStreams most streaming translations (NDJSON/SSE) at once; beyond it {@code 429 too_many_streams}
 */
public record ClientLimits(int maxConnections, Duration idleTimeout, long minBodyBytesPerSecond, int maxStreams) {
    /** 256 connections, 15 s idle, 1 KiB/s, 16 streams. */
    public static final ClientLimits DEFAULTS = new ClientLimits(256, Duration.ofSeconds(15), 1024, 16);

    public ClientLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("idleTimeout must be at least 1 ms, got " + idleTimeout);
        }
        if (minBodyBytesPerSecond < 0) {
            throw new IllegalArgumentException("minBodyBytesPerSecond must not be negative, got " + minBodyBytesPerSecond);
        }
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be positive, got " + maxStreams);
        }
    }

    public ClientLimits withMaxConnections(int value) {
        return new ClientLimits(value, idleTimeout, minBodyBytesPerSecond, maxStreams);
    }

    public ClientLimits withIdleTimeout(Duration value) {
        return new ClientLimits(maxConnections, value, minBodyBytesPerSecond, maxStreams);
    }

    public ClientLimits withMinBodyBytesPerSecond(long value) {
        return new ClientLimits(maxConnections, idleTimeout, value, maxStreams);
    }

    public ClientLimits withMaxStreams(int value) {
        return new ClientLimits(maxConnections, idleTimeout, minBodyBytesPerSecond, value);
    }
}
