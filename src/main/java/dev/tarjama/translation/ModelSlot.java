package dev.tarjama.translation;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One version of a served model and the leases requests hold on it (see {@link ModelRegistry}):
 * once retired it gives no new leases, and its service and native memory are closed when the last
 * lease is released or the drain time is over.
 */
final class ModelSlot {
    final String id;
    final Path dir;
    final ModelRegistry.Loaded loaded;
    final java.time.Instant loadedAt = java.time.Instant.now();
    private int users;
    private boolean retiring;
    private boolean closed;

    ModelSlot(String id, Path dir, ModelRegistry.Loaded loaded) {
        this.id = id;
        this.dir = dir;
        this.loaded = loaded;
    }

    synchronized boolean retain() {
        if (retiring) {
            return false;
        }
        users++;
        return true;
    }

    synchronized void release() {
        users--;
        if (users == 0) {
            notifyAll();
        }
    }

    ModelRegistry.Lease lease() {
        return new ModelRegistry.Lease() {
            private boolean released;

            @Override
            public String id() {
                return id;
            }

            @Override
            public TranslationService service() {
                return loaded.service();
            }

            @Override
            public void close() {
                if (!released) {
                    released = true;
                    release();
                }
            }
        };
    }

    /** No new leases; waits for the current ones (at most {@code drain}), then closes service and resources. */
    void retire(Duration drain) {
        synchronized (this) {
            retiring = true;
            long deadline = System.nanoTime() + drain.toNanos();
            while (users > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            loaded.service().close();
        } finally {
            if (loaded.resources() != null) {
                try {
                    loaded.resources().close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing model " + id + " failed: " + e.getMessage(), e);
                }
            }
        }
    }
}
