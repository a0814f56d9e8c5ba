package dev.tarjama.translation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** Revisions in this process's memory, bounded (least recently used articles are forgotten). */
public final class LocalRevisions implements RevisionStore {
    /** The last two distinct revisions of an article, newest first. */
    private record Revisions(Revision latest, Revision previous) {}

    private final Cache<String, Revisions> articles;

    public LocalRevisions(long maxArticles) {
        if (maxArticles < 1) {
            throw new IllegalArgumentException("maxArticles must be at least 1, got " + maxArticles);
        }
        this.articles = Caffeine.newBuilder().maximumSize(maxArticles).build();
    }

    @Override
    public Revision record(String articleId, Revision current) {
        Revisions updated = articles.asMap().compute(articleId, (id, old) -> {
            if (old == null) {
                return new Revisions(current, null);
            }
            if (old.latest().revision().equals(current.revision())) {
                return new Revisions(current, old.previous());
            }
            return new Revisions(current, old.latest());
        });
        return updated.previous();
    }
}
