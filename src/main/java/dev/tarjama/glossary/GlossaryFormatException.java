package dev.tarjama.glossary;

/** A CSV/TSV glossary that cannot be read; the message names the 1-based line. */
public final class GlossaryFormatException extends IllegalArgumentException {
    private final int line;

    public GlossaryFormatException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }
}
