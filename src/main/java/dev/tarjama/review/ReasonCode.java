package dev.tarjama.review;

/** Why a sentence needs a human look. {@link #id()} is the stable code used in JSON and exports. */
public enum ReasonCode {
    LOW_CONFIDENCE("low_confidence"),
    LENGTH_RATIO("length_ratio"),
    REPETITION("repetition"),
    UNTRANSLATED_ARABIC("untranslated_arabic"),
    NUMBER_MISMATCH("number_mismatch"),
    GLOSSARY_TERM_MISSING("glossary_term_missing"),
    SPLIT_FOR_LENGTH("split_for_length");

    private final String id;

    ReasonCode(String id) {
        this.id = id;
    }

    /** The stable snake_case code, e.g. {@code number_mismatch}. */
    public String id() {
        return id;
    }
}
