package dev.tarjama.provision;

/**
 * No usable model directory was named or found. The message is one paragraph for the user: what was
 * looked for, and how to download the model or try the demo model.
 */
public final class ModelNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String message) {
        super(message);
    }
}
