package dev.tarjama.store;

/** The shared store did not answer (down, slow or unreachable); HTTP answers 503 {@code store_unavailable}. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
