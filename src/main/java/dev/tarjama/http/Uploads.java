package dev.tarjama.http;

import io.javalin.http.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Requests still receiving their body ({@link RequestBody#read} reports to it). The shutdown drain
 * does not wait for them: they have started no work, and a slow sender must not hold a SIGTERM past
 * its deadline; {@link #closeAll()} then closes their connections before HTTP stops. Guarded by the
 * monitor of {@link Operations}' in-flight count, which it wakes when an upload starts.
 */
final class Uploads {
    private final Object lock;
    private final Set<Context> reading = new HashSet<>();

    Uploads(Object lock) {
        this.lock = lock;
    }

    void started(Context ctx) {
        synchronized (lock) {
            reading.add(ctx);
            lock.notifyAll();
        }
    }

    void finished(Context ctx) {
        synchronized (lock) {
            reading.remove(ctx);
        }
    }

    /** Requests receiving their body now. */
    int count() {
        synchronized (lock) {
            return reading.size();
        }
    }

    /** Closes the connection of every request still receiving its body; returns how many. */
    int closeAll() {
        List<Context> uploads;
        synchronized (lock) {
            uploads = List.copyOf(reading);
        }
        for (Context ctx : uploads) {
            try {
                ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().close();
            } catch (RuntimeException e) {
                // finished or closed meanwhile
            }
        }
        return uploads.size();
    }
}
