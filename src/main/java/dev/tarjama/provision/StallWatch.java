package dev.tarjama.provision;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads a response body and closes it when no bytes arrive for {@code timeout}, which makes the
 * blocked read fail with an {@link IOException} (java.net.http has no read timeout of its own). One
 * daemon thread per watched body, stopped by {@link #close()}.
 */
final class StallWatch implements AutoCloseable {
    private final InputStream body;
    private final long timeoutNanos;
    private final ScheduledExecutorService timer;
    private volatile long lastBytes = System.nanoTime();
    private volatile boolean stalled;

    StallWatch(InputStream body, Duration timeout) {
        this.body = body;
        this.timeoutNanos = timeout.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tarjama-download-watch");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, timeout.toMillis() / 4);
        timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Like {@link InputStream#read(byte[])}; throws when the body was closed for stalling. */
    int read(byte[] buffer) throws IOException {
        try {
            int n = body.read(buffer);
            if (n < 0 && stalled) {
                throw new IOException(stallMessage());
            }
            lastBytes = System.nanoTime();
            return n;
        } catch (IOException e) {
            if (stalled) {
                throw new IOException(stallMessage(), e);
            }
            throw e;
        }
    }

    private String stallMessage() {
        return "no data for " + timeoutNanos / 1_000_000 + " ms";
    }

    private void check() {
        if (System.nanoTime() - lastBytes > timeoutNanos && !stalled) {
            stalled = true;
            try {
                body.close();
            } catch (IOException ignored) {
                // the reader sees the failure
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
