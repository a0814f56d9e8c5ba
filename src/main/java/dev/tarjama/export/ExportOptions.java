package dev.tarjama.export;

/**
 * Choices a consumer of an export can make; the defaults suit a person opening the file.
 *
 * @param escapeFormulas CSV/TSV: a text cell that a spreadsheet would read as a formula (it starts
 *     with {@code = + - @}, their full-width forms, TAB or CR) gets a leading {@code '}, as OWASP
 *     advises against formula injection; {@code false} writes text unchanged for machine consumers
 * @param csvBom CSV: start with a UTF-8 byte order mark, so that a spreadsheet opened by
 *     double-click reads the file as UTF-8 (TSV never has one)
 */
public record ExportOptions(boolean escapeFormulas, boolean csvBom) {
    /** Formulas escaped, CSV with a BOM. */
    public static final ExportOptions DEFAULTS = new ExportOptions(true, true);
}
