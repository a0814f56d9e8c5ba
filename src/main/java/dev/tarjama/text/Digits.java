package dev.tarjama.text;

/** Decimal digits in the three scripts Arabic news uses: ASCII, Arabic-Indic and Persian. */
public final class Digits {
    private Digits() {}

    /** The value of a digit in one of the three scripts, or -1 for any other character. */
    public static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= '\u0660' && c <= '\u0669') {
            return c - '\u0660';
        }
        if (c >= '\u06F0' && c <= '\u06F9') {
            return c - '\u06F0';
        }
        return -1;
    }
}
