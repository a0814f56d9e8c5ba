package dev.tarjama.translation;

/**
 * Fails a queued sentence that its owning request withdrew (deadline passed). Other requests waiting
 * for the same sentence queue it again themselves.
 */
final class WithdrawnException extends RuntimeException {
    WithdrawnException() {
        super("withdrawn from the queue: its request passed its deadline", null, false, false);
    }
}
