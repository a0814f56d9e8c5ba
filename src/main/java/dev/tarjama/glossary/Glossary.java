package dev.tarjama.glossary;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named list of {@link GlossaryEntry entries} with its {@link TermMatcher}. Names are
 * {@code [A-Za-z0-9_-]{1,64}}, so a name is always a safe file name. No two entries may have the same
 * Arabic term once tashkeel is ignored. Immutable.
 */
public final class Glossary {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Name given to a glossary sent inline with one request. */
    public static final String INLINE = "_inline";

    private final String name;
    private final List<GlossaryEntry> entries;
    private final TermMatcher matcher;

    public Glossary(String name, List<GlossaryEntry> entries) {
        this.name = validateName(name);
        this.entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        this.matcher = new TermMatcher(this.entries);
    }

    /** A glossary sent with a request rather than stored. */
    public static Glossary inline(List<GlossaryEntry> entries) {
        return new Glossary(INLINE, entries);
    }

    /** Returns the name if valid; otherwise an exception saying what is allowed. */
    public static String validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("glossary name must be 1 to 64 characters of A-Z a-z 0-9 _ -, got '" + name + "'");
        }
        return name;
    }

    public String name() {
        return name;
    }

    public List<GlossaryEntry> entries() {
        return entries;
    }

    public TermMatcher matcher() {
        return matcher;
    }

    /** The terms of this glossary in {@code sentence}. */
    public List<TermMatch> find(String sentence) {
        return matcher.find(sentence);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glossary g && g.name.equals(name) && g.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + entries.hashCode();
    }

    @Override
    public String toString() {
        return "Glossary[" + name + ", " + entries.size() + " entries]";
    }
}
