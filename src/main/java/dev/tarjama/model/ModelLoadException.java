package dev.tarjama.model;

import java.nio.file.Path;

/**
 * A model directory, configuration or checkpoint that cannot be used. The message always names the
 * file (or directory) at fault, so it can be shown to a user as is.
 */
public class ModelLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem with one file: the message reads {@code "<file>: <detail>"}. */
    public ModelLoadException(Path file, String detail) {
        super(file + ": " + detail);
    }

    /** A problem with one file, caused by a lower-level exception. */
    public ModelLoadException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
    }

    /** A message that already names what is at fault (e.g. several missing files). */
    public ModelLoadException(String message) {
        super(message);
    }
}
