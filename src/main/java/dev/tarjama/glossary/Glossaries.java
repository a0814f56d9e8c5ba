package dev.tarjama.glossary;

import java.util.List;
import java.util.Optional;

/**
 * Where named glossaries are kept: {@link GlossaryStore} (files, the embedded default) or a shared
 * store that several replicas read (Redis, {@code dev.tarjama.store}). A {@link #put} replaces a
 * glossary as a whole: a reader sees the old or the new one, never a mix.
 */
public interface Glossaries {
    /** The limits a {@link #put} is checked against. */
    GlossaryStore.Limits limits();

    Optional<Glossary> get(String name);

    /** Names of the stored glossaries, sorted. */
    List<String> names();

    /**
     * Stores (creates or replaces) a glossary durably before returning.
     *
     * @return true if it was created, false if it replaced one
     * @throws GlossaryLimitException over the entry, size or count limit
     */
    boolean put(Glossary glossary);

    /** Deletes a glossary; false if there was none of that name. */
    boolean delete(String name);
}
