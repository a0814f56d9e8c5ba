package dev.tarjama.translation;

/**
 * The engine failed on a batch that held some of this request's sentences. The cause is kept for
 * logs; callers must not show it to clients.
 */
public final class TranslationFailedException extends RuntimeException {
    public TranslationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
