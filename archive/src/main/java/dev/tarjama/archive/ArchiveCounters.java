package dev.tarjama.archive;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The job's progress as Spark accumulators (named, so the Spark UI shows them per stage): articles
 * translated, their sentences, sentences answered from the cache, sentences flagged for review.
 * Updates of a failed task attempt are dropped by Spark; an article is counted when its row is
 * produced.
 */
final class ArchiveCounters implements Serializable {
    final LongAccumulator articles;
    final LongAccumulator sentences;
    final LongAccumulator cached;
    final LongAccumulator flagged;

    ArchiveCounters(SparkContext sc) {
        articles = sc.longAccumulator("tarjama.articles");
        sentences = sc.longAccumulator("tarjama.sentences");
        cached = sc.longAccumulator("tarjama.cacheHits");
        flagged = sc.longAccumulator("tarjama.flagged");
    }

    void article(long sentenceCount, long cachedCount, long flaggedCount) {
        articles.add(1);
        sentences.add(sentenceCount);
        cached.add(cachedCount);
        flagged.add(flaggedCount);
    }

    /** The totals so far (read on the driver). */
    Totals totals() {
        return new Totals(articles.value(), sentences.value(), cached.value(), flagged.value());
    }

    /** Totals of one run. */
    record Totals(long articles, long sentences, long cached, long flagged) {}
}
