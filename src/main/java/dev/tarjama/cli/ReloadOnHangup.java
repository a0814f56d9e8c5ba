package dev.tarjama.cli;

import dev.tarjama.translation.ModelRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGHUP reloads every served model from its current directory (the admin route without API keys,
 * for operators on the machine): each model is loaded again and swapped in as by
 * {@code POST /v1/admin/models/{id}/reload}, one after the other, in a background thread. A model
 * that fails to load keeps serving; every outcome is one line on stderr.
 */
final class ReloadOnHangup {
    private ReloadOnHangup() {}

    /** Installs the handler; false where the JVM does not support it (it is then simply not available). */
    static boolean install(ModelRegistry registry, Duration drain, PrintStream err) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                Thread t = new Thread(() -> reloadAll(registry, drain, err), "tarjama-reload");
                t.setDaemon(true);
                t.start();
            });
            return true;
        } catch (RuntimeException | LinkageError e) {
            err.println("tarjama: SIGHUP reloads are not available: " + e.getMessage());
            return false;
        }
    }

    /** Reloads every model from its directory; returns one line per model. */
    static List<String> reloadAll(ModelRegistry registry, Duration drain, PrintStream err) {
        List<String> lines = new ArrayList<>();
        for (String id : registry.ids()) {
            String line;
            try {
                Object revision = registry.reload(id, null, drain).get("revision");
                line = "tarjama: SIGHUP: model " + id + " reloaded, revision " + revision;
            } catch (RuntimeException e) {
                line = "tarjama: SIGHUP: model " + id + " was not reloaded (it keeps serving): " + e.getMessage();
            }
            err.println(line);
            lines.add(line);
        }
        return lines;
    }
}
