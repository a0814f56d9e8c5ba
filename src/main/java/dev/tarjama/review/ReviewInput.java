package dev.tarjama.review;

import dev.tarjama.glossary.RestoredTranslation;
import java.util.List;
import java.util.Objects;

/**
 * What the assessor looks at for one sentence pair.
 *
 * @param source the Arabic sentence as submitted
 * @param translation the English output (after glossary restoration)
 * @param score the model's length-normalized log-probability ({@code NaN} when unknown: not checked)
 * @param split whether the sentence was over the token budget and translated in pieces
 * @param missingTerms glossary terms that did not come back ("ar → en"), from the glossary masker
 * @param keptArabic Arabic text the output may legitimately contain (do-not-translate terms)
 */
public record ReviewInput(
        String source, String translation, double score, boolean split, List<String> missingTerms, List<String> keptArabic) {
    public ReviewInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(translation, "translation");
        missingTerms = List.copyOf(missingTerms);
        keptArabic = List.copyOf(keptArabic);
    }

    /** A plain pair without glossary. */
    public static ReviewInput of(String source, String translation, double score, boolean split) {
        return new ReviewInput(source, translation, score, split, List.of(), List.of());
    }

    /** A pair whose translation went through the glossary masker: its lost terms and kept Arabic. */
    public static ReviewInput of(String source, RestoredTranslation restored, double score, boolean split) {
        return new ReviewInput(source, restored.text(), score, split, restored.missingDescriptions(), restored.keptArabic());
    }
}
