package dev.tarjama.review;

import com.google.gson.annotations.SerializedName;

/**
 * Why a sentence needs a human look. {@link #id()} is the stable code used in JSON and exports (Gson
 * writes it too, through {@code @SerializedName}).
 */
public enum ReasonCode {
    @SerializedName("low_confidence")
    LOW_CONFIDENCE("low_confidence"),
    @SerializedName("length_ratio")
    LENGTH_RATIO("length_ratio"),
    @SerializedName("repetition")
    REPETITION("repetition"),
    @SerializedName("untranslated_arabic")
    UNTRANSLATED_ARABIC("untranslated_arabic"),
    @SerializedName("number_mismatch")
    NUMBER_MISMATCH("number_mismatch"),
    @SerializedName("glossary_term_missing")
    GLOSSARY_TERM_MISSING("glossary_term_missing"),
    @SerializedName("split_for_length")
    SPLIT_FOR_LENGTH("split_for_length"),
    @SerializedName("not_arabic")
    NOT_ARABIC("not_arabic"),
    @SerializedName("markup_moved")
    MARKUP_MOVED("markup_moved");

    private final String id;

    ReasonCode(String id) {
        this.id = id;
    }

    /** The stable snake_case code, e.g. {@code number_mismatch}. */
    public String id() {
        return id;
    }
}
