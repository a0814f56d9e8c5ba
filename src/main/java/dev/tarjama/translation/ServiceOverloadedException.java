package dev.tarjama.translation;

/** The batch queue is full; the request was refused before any of its work was queued. Retry later. */
public final class ServiceOverloadedException extends RuntimeException {
    public ServiceOverloadedException(String message) {
        super(message);
    }
}
