package dev.tarjama.translation;

import dev.tarjama.text.SourceNormalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the paragraphs of the last revisions of each article ({@code articleId}) so that a new
 * revision can say which of its paragraphs changed. Sentences of unchanged paragraphs come from the
 * sentence cache anyway; this only reports. Bounded (least recently used articles are forgotten).
 *
 * <p>A paragraph counts as unchanged when a paragraph with the same normalized text existed in the
 * previous revision (each old paragraph matches at most once, so duplicates are counted). Sending
 * the same revision again compares it with the revision before it, so repeats are idempotent.
 * Paragraphs are remembered as fingerprints ({@link #fingerprint}) in a {@link RevisionStore}.
 */
public final class ArticleHistory {
    private final RevisionStore store;

    /** Revisions kept in this process, at most {@code maxArticles} articles. */
    public ArticleHistory(long maxArticles) {
        this(new LocalRevisions(maxArticles));
    }

    /** Revisions kept in {@code store} (shared by replicas when it is). */
    public ArticleHistory(RevisionStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Records {@code paragraphs} as {@code revision} of {@code articleId} and compares them with the
     * revision seen before.
     */
    public ArticleUpdate observe(String articleId, String revision, List<String> paragraphs) {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(revision, "revision");
        List<String> normalized = paragraphs.stream().map(p -> fingerprint(SourceNormalizer.normalize(p))).toList();
        RevisionStore.Revision before = store.record(articleId, new RevisionStore.Revision(revision, normalized));
        if (before == null) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < normalized.size(); i++) {
                all.add(i);
            }
            return new ArticleUpdate(articleId, revision, null, all, List.of());
        }
        Map<String, ArrayDeque<Integer>> available = new HashMap<>(); // old text -> its unmatched indices
        for (int i = 0; i < before.paragraphs().size(); i++) {
            available.computeIfAbsent(before.paragraphs().get(i), k -> new ArrayDeque<>()).add(i);
        }
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < normalized.size(); i++) {
            ArrayDeque<Integer> left = available.get(normalized.get(i));
            if (left == null || left.isEmpty()) {
                changed.add(i);
            } else {
                left.poll();
            }
        }
        List<Integer> removed = new ArrayList<>();
        available.values().forEach(removed::addAll);
        removed.sort(null);
        return new ArticleUpdate(articleId, revision, before.revision(), changed, removed);
    }

    /** A paragraph's fingerprint: 128 bits of SHA-256 of its normalized text, in hex. */
    static String fingerprint(String normalized) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * How a revision differs from the previous one the service saw.
     *
     * @param previousRevision null when this is the first revision seen (then every paragraph is new,
     *     so all are listed as changed, and none as removed)
     * @param changedParagraphs indices of paragraphs that are new or edited in this revision
     * @param removedParagraphs indices, in the previous revision, of its paragraphs that are gone
     *     (ascending; an edited paragraph is both changed here and removed there)
     */
    public record ArticleUpdate(String articleId, String revision, String previousRevision,
            List<Integer> changedParagraphs, List<Integer> removedParagraphs) {
        public ArticleUpdate {
            changedParagraphs = List.copyOf(changedParagraphs);
            removedParagraphs = List.copyOf(removedParagraphs);
        }
    }
}
