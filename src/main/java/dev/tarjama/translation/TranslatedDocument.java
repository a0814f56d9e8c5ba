package dev.tarjama.translation;

import dev.tarjama.glossary.ArticleConsistency;
import java.util.List;
import java.util.Objects;

/**
 * An article aligned with its translation: paragraphs, and sentences inside them, each with its
 * UTF-16 {@code [start, end)} offsets into the submitted text. This is what the HTTP API returns as
 * JSON and what every exporter renders.
 *
 * @param update null unless the request named an {@code articleId}: which paragraphs changed since
 *     the previous revision of the article
 * @param consistency names rendered in more than one way within the article (sentences are numbered
 *     across the article from 0, in reading order); null in documents that were not assessed
 */
public record TranslatedDocument(ModelRef model, List<TranslatedParagraph> paragraphs, DocumentStats stats,
        ArticleHistory.ArticleUpdate update, List<ArticleConsistency.Issue> consistency) {
    public TranslatedDocument {
        Objects.requireNonNull(model, "model");
        paragraphs = List.copyOf(paragraphs);
        Objects.requireNonNull(stats, "stats");
        consistency = consistency == null ? null : List.copyOf(consistency);
    }

    /** A document that is not tied to an article's revisions and was not checked for consistency. */
    public TranslatedDocument(ModelRef model, List<TranslatedParagraph> paragraphs, DocumentStats stats) {
        this(model, paragraphs, stats, null, null);
    }

    /** A copy carrying {@code u}. */
    public TranslatedDocument withUpdate(ArticleHistory.ArticleUpdate u) {
        return new TranslatedDocument(model, paragraphs, stats, u, consistency);
    }

    /** Which model produced the translation. */
    public record ModelRef(String id, String revision) {
        public ModelRef {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(revision, "revision");
        }
    }

    /** Counts for one document. */
    public record DocumentStats(int sentences, int cached, long elapsedMs) {}
}
