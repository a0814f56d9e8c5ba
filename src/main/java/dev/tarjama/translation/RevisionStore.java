package dev.tarjama.translation;

import java.util.List;
import java.util.Objects;

/**
 * What the service remembers of each article's revisions ({@link ArticleHistory} compares them):
 * in this process ({@link LocalRevisions}, the embedded default) or in a store shared by replicas.
 * Only paragraph fingerprints are kept, never the text.
 */
public interface RevisionStore {

    /** One revision of an article: its name and the fingerprints of its normalized paragraphs, in order. */
    record Revision(String revision, List<String> paragraphs) {
        public Revision {
            Objects.requireNonNull(revision, "revision");
            paragraphs = List.copyOf(paragraphs);
        }
    }

    /**
     * Records {@code current} as the latest revision of {@code articleId}, atomically, and returns
     * the revision to compare it with: the latest one before it, or, when {@code current} repeats the
     * latest revision's name, the one before that (so repeats are idempotent); null when none.
     */
    Revision record(String articleId, Revision current);
}
