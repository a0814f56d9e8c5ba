package dev.tarjama.translation;

import java.util.Collection;
import java.util.Map;

/**
 * A second-level sentence cache shared by replicas, behind the in-process one: consulted for the
 * sentences the first level misses, filled with every translation the engine makes. Keys are
 * {@link #key} digests of (model revision, decoding options, normalized sentence), the first
 * level's key. Implementations never throw: a store that cannot answer is a miss.
 */
public interface SharedSentenceCache {
    /** No second level (the embedded default). */
    SharedSentenceCache NONE = new SharedSentenceCache() {
        @Override
        public Map<String, EngineResult> getAll(Collection<String> keys) {
            return Map.of();
        }

        @Override
        public void put(String key, EngineResult result) {
            // nothing to share with
        }
    };

    /** The entries found among {@code keys}; missing ones (and all, when the store is down) are absent. */
    Map<String, EngineResult> getAll(Collection<String> keys);

    /** Stores an entry without waiting for the store. */
    void put(String key, EngineResult result);

    /** The digest of a first-level key: hex SHA-256 of its parts, so keys have a fixed size. */
    static String key(String revision, DecodeOptions options, String sentence) {
        try {
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            String text = revision + '\u0000' + options.beams() + ',' + options.maxLength() + ',' + options.alternatives()
                    + '\u0000' + sentence;
            return java.util.HexFormat.of().formatHex(sha.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
