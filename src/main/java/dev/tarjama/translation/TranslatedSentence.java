package dev.tarjama.translation;

import dev.tarjama.review.Review;
import java.util.List;
import java.util.Objects;

/**
 * One source sentence and its translation. {@code score} is the length-normalized log-probability
 * of the translation; {@code cached} says it came from the cache; {@code split} says the sentence was
 * over the token budget and was translated in pieces. {@code review} says whether an editor should
 * look at it and why (null in documents that were not assessed, e.g. hand-made ones).
 * {@code alternatives} (null unless asked for) lists the n best translations, best first.
 * {@code passthrough} says the sentence has no Arabic letter (an English quote, a URL, a number
 * table): it was copied unchanged and never sent to the model.
 */
public record TranslatedSentence(
        int index, int start, int end, String source, String translation, double score, boolean cached, boolean split,
        boolean passthrough, Review review, List<Alternative> alternatives) {
    public TranslatedSentence {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad sentence span [" + start + ", " + end + ")");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(translation, "translation");
        alternatives = alternatives == null ? null : List.copyOf(alternatives);
    }

    /** A sentence that went to the model (not passed through). */
    public TranslatedSentence(int index, int start, int end, String source, String translation, double score,
            boolean cached, boolean split, Review review, List<Alternative> alternatives) {
        this(index, start, end, source, translation, score, cached, split, false, review, alternatives);
    }

    /** A sentence without review or alternatives. */
    public TranslatedSentence(
            int index, int start, int end, String source, String translation, double score, boolean cached, boolean split) {
        this(index, start, end, source, translation, score, cached, split, false, null, null);
    }

    /** A sentence with alternatives but no review. */
    public TranslatedSentence(int index, int start, int end, String source, String translation, double score,
            boolean cached, boolean split, List<Alternative> alternatives) {
        this(index, start, end, source, translation, score, cached, split, false, null, alternatives);
    }

    /** Whether the sentence was assessed and flagged for a human look. */
    public boolean needsReview() {
        return review != null && review.needed();
    }
}
