package dev.tarjama.glossary;

import java.util.Objects;

/**
 * A glossary term found in a sentence: {@code sentence.substring(start, end)} is its {@code surface}
 * as written (tashkeel included, an attached proclitic such as {@code و} excluded).
 */
public record TermMatch(int start, int end, String surface, GlossaryEntry entry) {
    public TermMatch {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(entry, "entry");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** What the English must contain: the entry's {@code en}, or the surface for a do-not-translate term. */
    public String replacement() {
        return entry.doNotTranslate() ? surface : entry.en();
    }
}
