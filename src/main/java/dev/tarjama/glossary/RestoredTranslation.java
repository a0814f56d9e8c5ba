package dev.tarjama.glossary;

import java.util.List;
import java.util.Objects;

/**
 * A translation with its placeholders replaced by the glossary's English. {@code missing} lists the
 * terms whose placeholder did not come back (reported as {@code glossary_term_missing}, never silently
 * lost); {@code removedFragments} lists digit runs that were broken pieces of a lost placeholder and
 * were taken out of {@code text}; {@code keptArabic} is the Arabic that do-not-translate terms put in.
 */
public record RestoredTranslation(String text, List<TermMatch> missing, List<String> removedFragments, List<String> keptArabic) {
    public RestoredTranslation {
        Objects.requireNonNull(text, "text");
        missing = List.copyOf(missing);
        removedFragments = List.copyOf(removedFragments);
        keptArabic = List.copyOf(keptArabic);
    }

    /** "ar → en" for each missing term, as given to the review. */
    public List<String> missingDescriptions() {
        return missing.stream().map(m -> m.entry().describe()).toList();
    }

    public boolean complete() {
        return missing.isEmpty();
    }
}
