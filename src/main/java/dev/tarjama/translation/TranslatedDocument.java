package dev.tarjama.translation;

import java.util.List;
import java.util.Objects;

/**
 * An article aligned with its translation: paragraphs, and sentences inside them, each with its
 * UTF-16 {@code [start, end)} offsets into the submitted text. This is what the HTTP API returns as
 * JSON and what every exporter renders. {@code update} (null unless the request named an
 * {@code articleId}) says which paragraphs changed since the previous revision of the article.
 */
public record TranslatedDocument(
        ModelRef model, List<TranslatedParagraph> paragraphs, DocumentStats stats, ArticleHistory.ArticleUpdate update) {
    public TranslatedDocument {
        Objects.requireNonNull(model, "model");
        paragraphs = List.copyOf(paragraphs);
        Objects.requireNonNull(stats, "stats");
    }

    /** A document that is not tied to an article's revisions. */
    public TranslatedDocument(ModelRef model, List<TranslatedParagraph> paragraphs, DocumentStats stats) {
        this(model, paragraphs, stats, null);
    }

    /** A copy carrying {@code update}. */
    public TranslatedDocument withUpdate(ArticleHistory.ArticleUpdate u) {
        return new TranslatedDocument(model, paragraphs, stats, u);
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
