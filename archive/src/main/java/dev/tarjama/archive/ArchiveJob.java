package dev.tarjama.archive;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Translates an archive of articles on Apache Spark with the service's own core: every article's
 * document is what {@code POST /v1/translate} would return for it.
 *
 * <p>A run reads the input, drops the articles every output table already holds (so a rerun with the
 * same output resumes: nothing is translated twice, nothing is lost), and translates the rest in
 * chunks; each chunk is one append job per output table, so a killed run keeps every chunk it
 * finished. Usage: {@code spark-submit --class dev.tarjama.archive.ArchiveJob tarjama-archive.jar
 * --model DIR --input PATH --output DIR}, or {@code bin/tarjama-archive --master 'local[2]' ...}.
 */
public final class ArchiveJob {
    private final SparkSession spark;
    private final ArchiveOptions options;
    private final PrintStream log;
    private final int failPartition;

    public ArchiveJob(SparkSession spark, ArchiveOptions options, PrintStream log) {
        this(spark, options, log, -1);
    }

    /** Tests only: the first attempt of partition {@code failPartition} of each chunk fails midway. */
    ArchiveJob(SparkSession spark, ArchiveOptions options, PrintStream log, int failPartition) {
        this.spark = spark;
        this.options = options;
        this.log = log;
        this.failPartition = failPartition;
    }

    /**
     * What a run did.
     *
     * @param input articles in the input
     * @param alreadyDone articles every output table held before the run (skipped)
     * @param translated articles translated by this run
     * @param remaining articles still missing after the run (non-zero only with {@code --limit})
     * @param translateSeconds wall time of the chunks (translating and writing), without the input
     *     checks and the reading of the output tables that precede them
     */
    public record Result(long input, long alreadyDone, long translated, long sentences, long cacheHits, long flagged,
            long remaining, int chunks, double translateSeconds) {
        public String summary() {
            return String.format(Locale.ROOT, "tarjama-archive: %d articles in the input, %d already done, %d translated"
                    + " (%d sentences, %d from the cache, %d flagged for review) in %d chunk(s), %d remaining",
                    input, alreadyDone, translated, sentences, cacheHits, flagged, chunks, remaining);
        }
    }

    public static void main(String[] argv) throws java.io.IOException {
        if (argv.length > 0 && argv[0].equals("bench")) {
            ArchiveBench.main(List.of(argv).subList(1, argv.length));
            System.exit(0);
        }
        if (argv.length == 0 || List.of(argv).contains("--help")) {
            System.out.println(ArchiveOptions.USAGE);
            System.exit(argv.length == 0 ? 2 : 0);
        }
        ArchiveOptions options;
        try {
            options = ArchiveOptions.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("tarjama-archive: " + e.getMessage());
            System.err.println(ArchiveOptions.USAGE);
            System.exit(2);
            return;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("tarjama-archive");
        if (options.master() != null) {
            builder.master(options.master());
        }
        int rc = 0;
        SparkSession spark = builder.getOrCreate();
        try {
            Result result = new ArchiveJob(spark, options, System.err).run();
            System.out.println(result.summary());
        } catch (IllegalArgumentException e) {
            System.err.println("tarjama-archive: " + e.getMessage());
            rc = 2;
        } catch (RuntimeException e) {
            System.err.println("tarjama-archive: failed: " + e);
            rc = 1;
        } finally {
            spark.stop();
        }
        System.exit(rc);
    }

    /** Runs the job; throws {@link IllegalArgumentException} for bad input or options. */
    public Result run() {
        TranslateSettings settings = settings();
        Dataset<Row> articles = readInput();
        long total = checkInput(articles);

        List<OutputTarget> targets = new ArrayList<>();
        options.formats().forEach(f -> targets.add(OutputTarget.of(f)));
        if (options.pairs()) {
            targets.add(OutputTarget.PAIRS);
        }
        // what each table holds now, frozen for this run (the tables grow while it runs)
        Map<OutputTarget, Dataset<Row>> done = new LinkedHashMap<>();
        Dataset<Row> doneEverywhere = null;
        for (OutputTarget t : targets) {
            Dataset<Row> ids = t.doneIds(spark, options.output()).localCheckpoint(true);
            done.put(t, ids);
            doneEverywhere = doneEverywhere == null ? ids : doneEverywhere.intersect(ids);
        }
        Dataset<Row> missing = articles.select("id").join(doneEverywhere, "id", "left_anti");
        long missingCount = missing.count();
        if (options.limit() > 0 && missingCount > options.limit()) {
            missing = missing.orderBy(functions.xxhash64(functions.col("id")), functions.col("id")).limit((int) Math.min(
                    options.limit(), Integer.MAX_VALUE));
        }
        Dataset<Row> pending = missing.localCheckpoint(true);
        long pendingCount = pending.count();
        int chunks = (int) Math.max(pendingCount == 0 ? 0 : 1, (pendingCount + options.chunkArticles() - 1) / options.chunkArticles());
        int partitions = options.partitions() > 0 ? options.partitions()
                : 2 * spark.sparkContext().defaultParallelism();
        log.printf(Locale.ROOT, "tarjama-archive: %d articles, %d already done, %d to translate in %d chunk(s) of %d task(s)%n",
                total, total - missingCount, pendingCount, chunks, partitions);

        ArchiveCounters counters = new ArchiveCounters(spark.sparkContext());
        ArticleTranslator translator = new ArticleTranslator(settings, counters);
        long started = System.nanoTime();
        for (int chunk = 0; chunk < chunks; chunk++) {
            Column inChunk = functions.pmod(functions.xxhash64(functions.col("id")), functions.lit(chunks))
                    .equalTo(functions.lit(chunk));
            Dataset<Row> rows = articles.filter(inChunk).join(pending.filter(inChunk), "id").select("id", "text").repartition(partitions);
            Dataset<Row> translated = rows.mapPartitions(translator, Encoders.row(ArticleTranslator.OUTPUT))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                for (OutputTarget t : targets) {
                    Dataset<Row> toWrite = targets.size() == 1 ? translated
                            : translated.join(done.get(t), "id", "left_anti");
                    t.append(spark, options.output(), toWrite);
                }
            } finally {
                translated.unpersist();
            }
            ArchiveCounters.Totals so = counters.totals();
            double seconds = (System.nanoTime() - started) / 1e9;
            log.printf(Locale.ROOT, "tarjama-archive: chunk %d/%d done: %d articles, %d sentences (%.1f sentences/s),"
                    + " %d from the cache, %d flagged%n", chunk + 1, chunks, so.articles(), so.sentences(),
                    so.sentences() / Math.max(seconds, 1e-9), so.cached(), so.flagged());
        }
        ArchiveCounters.Totals totals = counters.totals();
        return new Result(total, total - missingCount, totals.articles(), totals.sentences(), totals.cached(),
                totals.flagged(), missingCount - pendingCount, chunks, (System.nanoTime() - started) / 1e9);
    }

    private TranslateSettings settings() {
        String glossaryFormat = null;
        String glossaryText = null;
        if (options.glossary() != null) {
            Path file = Path.of(options.glossary());
            glossaryFormat = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? "tsv" : "csv";
            try {
                glossaryText = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --glossary " + file + ": " + e.getMessage());
            }
        }
        if (spark.sparkContext().isLocal()) {
            // the driver's JVM is the executor: a bad model directory is reported before any Spark job
            try {
                dev.tarjama.model.ModelDirectory.open(Path.of(options.model()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--model " + options.model() + ": " + e.getMessage(), e);
            }
        }
        int workers = options.workers() > 0 ? options.workers() : executorSlots();
        TranslateSettings settings = new TranslateSettings(options.model(), options.beams(), options.maxLength(),
                glossaryFormat, glossaryText, options.groupArticles(), workers, options.slices(), options.pairs(),
                failPartition);
        settings.glossary(); // a bad glossary is reported here, before any task starts
        return settings;
    }

    /** Task slots of one executor: local[N] gives N, a cluster spark.executor.cores (default 1). */
    private int executorSlots() {
        if (spark.sparkContext().isLocal()) {
            return Math.max(1, Math.min(64, spark.sparkContext().defaultParallelism()));
        }
        return Math.max(1, Math.min(64, spark.sparkContext().getConf().getInt("spark.executor.cores", 1)));
    }

    private Dataset<Row> readInput() {
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(options.input());
            org.apache.hadoop.fs.FileStatus[] found = path.getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .globStatus(path); // a glob such as dir/*.parquet is fine
            if (found == null || found.length == 0) {
                throw new IllegalArgumentException("--input " + options.input() + " does not exist");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--input " + options.input() + ": " + e.getMessage(), e);
        }
        Dataset<Row> raw;
        if (options.inputFormat().equals("jsonl")) {
            raw = spark.read().schema("id STRING, text STRING").option("mode", "FAILFAST").json(options.input());
        } else {
            raw = spark.read().parquet(options.input());
            List<String> columns = List.of(raw.columns());
            if (!columns.contains("id") || !columns.contains("text")) {
                throw new IllegalArgumentException("--input " + options.input() + " must have columns id and text, has "
                        + columns);
            }
        }
        return raw.select(functions.col("id").cast("string").as("id"), functions.col("text").cast("string").as("text"));
    }

    /** Counts the articles; refuses missing ids or texts and duplicate ids (which would make resuming ambiguous). */
    private long checkInput(Dataset<Row> articles) {
        Row r = articles.agg(functions.count(functions.lit(1)), functions.count_distinct(functions.col("id")),
                functions.count(functions.when(functions.col("id").isNull(), 1)),
                functions.count(functions.when(functions.col("text").isNull(), 1))).first();
        long total = r.getLong(0);
        if (r.getLong(2) > 0) {
            throw new IllegalArgumentException("--input has " + r.getLong(2) + " article(s) without an id");
        }
        if (r.getLong(3) > 0) {
            throw new IllegalArgumentException("--input has " + r.getLong(3) + " article(s) without a text");
        }
        if (r.getLong(1) != total) {
            throw new IllegalArgumentException("--input has " + (total - r.getLong(1)) + " duplicate id(s); every article"
                    + " needs its own id (resuming relies on it)");
        }
        return total;
    }
}
