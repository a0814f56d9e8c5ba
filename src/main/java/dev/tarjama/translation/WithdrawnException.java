package dev.tarjama.translation;

import java.util.concurrent.CancellationException;

/**
 * Fails a queued sentence that its owning request withdrew (deadline passed). Other requests waiting
 * for the same sentence queue it again themselves. A cancellation, so that the cache drops the entry
 * without logging it as a failed load.
 */
final class WithdrawnException extends CancellationException {
    WithdrawnException() {
        super("withdrawn from the queue: its request passed its deadline");
    }
}
