package dev.tarjama.glossary;

/** A glossary or a store over its configured limits (count, entries, bytes). */
public final class GlossaryLimitException extends IllegalArgumentException {
    public GlossaryLimitException(String message) {
        super(message);
    }
}
