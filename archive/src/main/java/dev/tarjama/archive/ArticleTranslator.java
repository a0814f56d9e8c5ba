package dev.tarjama.archive;

import dev.tarjama.export.DocumentJsonWriter;
import dev.tarjama.glossary.Glossary;
import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import dev.tarjama.translation.TranslationService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The task body: rows {@code (id, text)} in, rows {@code (id, document, pairs)} out, where
 * {@code document} is the article's JSON exactly as {@code POST /v1/translate} returns it and
 * {@code pairs} its sentences flattened. Articles are handed to the executor's shared
 * {@link TranslationService} a group at a time (one {@code translateAll} call), so their sentences
 * are deduplicated and batched together, and with those of the executor's other tasks. The partition
 * is streamed group by group, never held whole. Counts go to the job's accumulators.
 */
final class ArticleTranslator implements MapPartitionsFunction<Row, Row> {
    static final StructType PAIR = new StructType()
            .add("paragraph", DataTypes.IntegerType, false)
            .add("sentence", DataTypes.IntegerType, false)
            .add("source", DataTypes.StringType, false)
            .add("translation", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("review_needed", DataTypes.BooleanType, false);

    static final StructType OUTPUT = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("document", DataTypes.StringType, false)
            .add("pairs", DataTypes.createArrayType(PAIR, false), true);

    private final TranslateSettings settings;
    private final ArchiveCounters counters;

    ArticleTranslator(TranslateSettings settings, ArchiveCounters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        TranslationService service = ExecutorServices.get(settings.model(), settings.workers(), settings.slices());
        Glossary glossary = settings.glossary();
        DecodeOptions options = settings.decode();
        TaskContext task = TaskContext.get();
        boolean failAfterFirstGroup = task != null && task.partitionId() == settings.failPartition()
                && task.attemptNumber() == 0;
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();
            private int groups;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && input.hasNext()) {
                    if (failAfterFirstGroup && groups == 1) {
                        throw new IllegalStateException("injected failure of the first attempt (test)");
                    }
                    translateGroup();
                    groups++;
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }

            private void translateGroup() {
                List<String> ids = new ArrayList<>(settings.groupArticles());
                List<String> texts = new ArrayList<>(settings.groupArticles());
                while (ids.size() < settings.groupArticles() && input.hasNext()) {
                    Row row = input.next();
                    ids.add(row.getString(0));
                    texts.add(row.getString(1));
                }
                List<TranslatedDocument> docs = service.translateAll(texts, options, glossary, null);
                for (int i = 0; i < docs.size(); i++) {
                    ready.add(row(ids.get(i), docs.get(i)));
                }
            }
        };
    }

    private Row row(String id, TranslatedDocument doc) {
        long flagged = 0;
        List<Row> pairs = settings.pairs() ? new ArrayList<>() : null;
        for (TranslatedParagraph p : doc.paragraphs()) {
            for (TranslatedSentence s : p.sentences()) {
                if (s.needsReview()) {
                    flagged++;
                }
                if (pairs != null) {
                    pairs.add(RowFactory.create(p.index(), s.index(), s.source(), s.translation(), s.score(),
                            s.needsReview()));
                }
            }
        }
        counters.article(doc.stats().sentences(), doc.stats().cached(), flagged);
        // Spark's row encoder takes a Scala Seq for an array column
        return RowFactory.create(id, DocumentJsonWriter.write(doc),
                pairs == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(pairs));
    }
}
