package dev.tarjama.http;

import java.util.HashMap;
import java.util.Map;

/**
 * How many translation requests each client has in progress, capped: one client cannot hold every
 * server thread and queue slot. A client is whatever string the API names it by (the API key's
 * name, or the remote address without keys). Thread-safe.
 */
final class ClientSlots {
    private final int max;
    private final Map<String, Integer> inProgress = new HashMap<>();

    ClientSlots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        this.max = max;
    }

    /**
     * Takes one of {@code client}'s slots.
     *
     * @return what gives the slot back (runs once; later calls do nothing)
     * @throws ApiException 429 {@code too_many_requests} when the client already has {@code max}
     *     requests in progress
     */
    Runnable acquire(String client) {
        synchronized (inProgress) {
            int n = inProgress.getOrDefault(client, 0);
            if (n >= max) {
                throw new ApiException(429, "too_many_requests", "this client already has " + n
                        + " translation requests in progress, the most allowed per client (max-client-requests = "
                        + max + "); retry when one has finished");
            }
            inProgress.put(client, n + 1);
        }
        boolean[] released = {false};
        return () -> {
            synchronized (inProgress) {
                if (released[0]) {
                    return;
                }
                released[0] = true;
                inProgress.merge(client, -1, (a, b) -> a + b == 0 ? null : a + b);
            }
        };
    }

    /** Requests {@code client} has in progress now. */
    int inProgress(String client) {
        synchronized (inProgress) {
            return inProgress.getOrDefault(client, 0);
        }
    }
}
