package dev.tarjama.translation;

/**
 * A snapshot of the sentence cache: lookups served from it ({@code hits}) or not ({@code misses}),
 * the number of entries and their total weight in characters (source plus translation).
 */
public record CacheStats(long hits, long misses, long entries, long weightChars) {
    public CacheStats {
        if (hits < 0 || misses < 0 || entries < 0 || weightChars < 0) {
            throw new IllegalArgumentException("cache counts must be non-negative");
        }
    }

    /** Hits over lookups; 0 before the first lookup. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0.0 : (double) hits / lookups;
    }
}
