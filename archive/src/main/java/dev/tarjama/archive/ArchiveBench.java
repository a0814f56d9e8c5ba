package dev.tarjama.archive;

import com.google.gson.JsonObject;
import dev.tarjama.bench.BenchModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark (a program, not a test): sentences per second of the archive job on the real-size
 * random-weight model ({@link BenchModel}), once per Spark master, e.g. {@code local[1]} then
 * {@code local[2]}. Run from the repository root:
 * {@code bin/tarjama-archive bench [--masters local[1],local[2]] [--articles 8] [--beams 4]
 * [--max-length 16] [--cache target/bench-model]}.
 *
 * <p>The articles are made of the fixture sentences with their words shuffled (seeded), so every
 * sentence is distinct and the cache never answers. A random-weight model never ends a sentence on
 * its own, so every sentence yields {@code --max-length} tokens. The model is loaded before the
 * clock starts (the per-JVM service is created first); the time is the whole job (reading, translating,
 * writing Parquet), and that of the chunks alone (without the input checks and output reads before
 * them). Each master gets a fresh Spark session and output directory, in the same JVM: the first
 * master also pays the JVM's warm-up (class loading, Spark's code generation), so put the one of
 * interest second or compare the chunk figures.
 */
final class ArchiveBench {
    private ArchiveBench() {}

    static void main(List<String> argv) throws IOException {
        String masters = "local[1],local[2]";
        int articles = 8;
        int beams = 4;
        int maxLength = 16;
        Path cache = Path.of("target/bench-model");
        for (int i = 0; i + 1 < argv.size(); i += 2) {
            String v = argv.get(i + 1);
            switch (argv.get(i)) {
                case "--masters" -> masters = v;
                case "--articles" -> articles = Integer.parseInt(v);
                case "--beams" -> beams = Integer.parseInt(v);
                case "--max-length" -> maxLength = Integer.parseInt(v);
                case "--cache" -> cache = Path.of(v);
                default -> throw new IllegalArgumentException("unknown bench option " + argv.get(i));
            }
        }
        Path model = BenchModel.ensure(cache, Path.of("models/tiny-ar-en"), 1);
        Path work = Files.createTempDirectory("tarjama-archive-bench");
        Path input = work.resolve("articles.jsonl");
        long sentences = writeArticles(input, articles, Path.of("src/test/resources/parallel/train.ar"));
        System.err.printf(Locale.ROOT, "bench: %d articles, %d sentences, beams %d, max length %d, model %s%n",
                articles, sentences, beams, maxLength, model);
        for (String master : masters.split(",(?=local|spark|yarn|k8s)")) {
            SparkSession spark = SparkSession.builder().master(master).appName("tarjama-archive-bench")
                    .config("spark.ui.enabled", "false").getOrCreate();
            try {
                Path output = work.resolve("out-" + master.replaceAll("[^A-Za-z0-9]", "_"));
                ArchiveOptions options = ArchiveOptions.parse("--model", model.toString(), "--input", input.toString(),
                        "--output", output.toString(), "--beams", Integer.toString(beams), "--max-length",
                        Integer.toString(maxLength), "--group", "4");
                int workers = spark.sparkContext().defaultParallelism();
                ExecutorServices.get(options.model(), workers, options.slices()); // load before the clock starts
                long t0 = System.nanoTime();
                ArchiveJob.Result r = new ArchiveJob(spark, options, System.err).run();
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "bench: %-10s %4d sentences (%d cached): job %6.1f s = %5.2f sentences/s;"
                        + " chunks alone %6.1f s = %5.2f sentences/s%n", master, r.sentences(), r.cacheHits(), seconds,
                        r.sentences() / seconds, r.translateSeconds(), r.sentences() / r.translateSeconds());
            } finally {
                spark.stop();
            }
        }
    }

    /** Articles of 4 paragraphs × 3 sentences, each a fixture sentence with its words shuffled. */
    private static long writeArticles(Path file, int count, Path sentencesFile) throws IOException {
        List<String> fixture = Files.readAllLines(sentencesFile, StandardCharsets.UTF_8).stream()
                .filter(s -> !s.isBlank()).toList();
        Random random = new Random(42);
        List<String> lines = new ArrayList<>();
        long sentences = 0;
        for (int a = 0; a < count; a++) {
            List<String> paragraphs = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                List<String> parts = new ArrayList<>();
                for (int s = 0; s < 3; s++) {
                    List<String> words = new ArrayList<>(List.of(fixture.get(random.nextInt(fixture.size()))
                            .replaceAll("[.!?؟…]+$", "").split("\\s+")));
                    Collections.shuffle(words, random);
                    parts.add(String.join(" ", words) + ".");
                    sentences++;
                }
                paragraphs.add(String.join(" ", parts));
            }
            JsonObject o = new JsonObject();
            o.addProperty("id", "bench-" + a);
            o.addProperty("text", String.join("\n", paragraphs));
            lines.add(o.toString());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return sentences;
    }
}
