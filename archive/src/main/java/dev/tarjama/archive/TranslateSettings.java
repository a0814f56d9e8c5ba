package dev.tarjama.archive;

import dev.tarjama.glossary.Glossary;
import dev.tarjama.glossary.GlossaryFormat;
import dev.tarjama.translation.DecodeOptions;
import java.io.Serializable;

/**
 * What each task needs to translate its articles, shipped from the driver to the executors.
 *
 * @param glossaryFormat {@code csv} or {@code tsv}, null without a glossary
 * @param glossaryText the glossary file's content (read on the driver), null without a glossary
 * @param failPartition tests only: the first attempt of this partition fails after its first group
 *     (-1: never), to check that a retried task leaves no duplicate rows
 */
record TranslateSettings(String model, int beams, int maxLength, String glossaryFormat, String glossaryText,
        int groupArticles, int workers, int slices, boolean pairs, int failPartition) implements Serializable {

    DecodeOptions decode() {
        return new DecodeOptions(beams, maxLength);
    }

    /** The glossary every article follows, or null. */
    Glossary glossary() {
        if (glossaryText == null) {
            return null;
        }
        return Glossary.inline(GlossaryFormat.of(glossaryFormat).parse(glossaryText));
    }
}
