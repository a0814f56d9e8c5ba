package dev.tarjama.archive;

import dev.tarjama.export.DocumentJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * One table the job appends to, under the output directory:
 * <ul>
 *   <li>{@code parquet/}: columns {@code id}, {@code document} (the document JSON as a string);
 *   <li>{@code jsonl/}: text files, one line per article: {@code {"id": ..., "document": {...}}}, the
 *       document as a nested object;
 *   <li>{@code pairs/} (Parquet): one row per sentence: {@code id, paragraph, sentence, source,
 *       translation, score, review_needed}.
 * </ul>
 * Every write is one Spark job in append mode: Spark's commit protocol publishes a task's file only
 * when the task commits and the job's files only when the job commits, so a retried task adds no
 * duplicate and a killed job adds nothing. Leftovers of a killed job ({@code _temporary/}) are removed
 * before reading or writing, so they can never be promoted by a later commit; one run at a time may
 * write to an output directory.
 */
enum OutputTarget {
    PARQUET("parquet"), JSONL("jsonl"), PAIRS("pairs");

    static final org.apache.spark.sql.types.StructType ID = new org.apache.spark.sql.types.StructType()
            .add("id", org.apache.spark.sql.types.DataTypes.StringType, true);

    private final String dir;

    OutputTarget(String dir) {
        this.dir = dir;
    }

    static OutputTarget of(String format) {
        return format.equals("jsonl") ? JSONL : PARQUET;
    }

    String path(String output) {
        return new Path(output, dir).toString();
    }

    /** The ids already in this table (distinct); empty when the table does not exist yet. */
    Dataset<Row> doneIds(SparkSession spark, String output) {
        String path = path(output);
        removeLeftovers(spark, path);
        if (!exists(spark, path)) {
            return spark.createDataFrame(java.util.List.<Row>of(), ID);
        }
        Dataset<Row> table = switch (this) {
            case PARQUET -> spark.read().schema("id STRING, document STRING").parquet(path);
            case JSONL -> spark.read().schema("id STRING").option("mode", "FAILFAST").json(path);
            case PAIRS -> spark.read().schema("id STRING").parquet(path);
        };
        return table.select("id").distinct();
    }

    /** Appends {@code translated} (rows of {@link ArticleTranslator#OUTPUT}) to this table. */
    void append(SparkSession spark, String output, Dataset<Row> translated) {
        String path = path(output);
        removeLeftovers(spark, path);
        switch (this) {
            case PARQUET -> translated.select("id", "document").write().mode(SaveMode.Append).parquet(path);
            case JSONL -> translated.select("id", "document")
                    .map((MapFunction<Row, String>) r -> jsonLine(r.getString(0), r.getString(1)), Encoders.STRING())
                    .write().mode(SaveMode.Append).text(path);
            case PAIRS -> translated.select(functions.col("id"), functions.explode(functions.col("pairs")).as("p"))
                    .select("id", "p.*").write().mode(SaveMode.Append).parquet(path);
        }
    }

    /** {@code {"id": "...", "document": DOCUMENT}}: the document JSON inserted as is. */
    static String jsonLine(String id, String documentJson) {
        return "{\"id\":" + DocumentJsonWriter.gson().toJson(id) + ",\"document\":" + documentJson + "}";
    }

    private static boolean exists(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code path/_temporary}: the uncommitted files of a job that was killed. */
    private static void removeLeftovers(SparkSession spark, String path) {
        try {
            Path temporary = new Path(path, "_temporary");
            FileSystem fs = temporary.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(temporary)) {
                fs.delete(temporary, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + path + "/_temporary: " + e.getMessage(), e);
        }
    }
}
