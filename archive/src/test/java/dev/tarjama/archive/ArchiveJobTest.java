package dev.tarjama.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.export.DocumentJsonWriter;
import dev.tarjama.glossary.Glossary;
import dev.tarjama.glossary.GlossaryFormat;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.review.ReviewPolicy;
import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.MarianEngine;
import dev.tarjama.translation.MarianTranslator;
import dev.tarjama.translation.ServiceConfig;
import dev.tarjama.translation.TranslationService;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive job on a local[2] Spark (two task threads, one failed attempt allowed per task), the
 * tiny model and 200 articles made of the fixture sentences: every document equals what the service
 * returns for the article, and a killed run resumes without translating anything twice.
 */
class ArchiveJobTest {
    static final Path ROOT = Path.of(System.getProperty("tarjama.root", ".."));
    static final Path MODEL = ROOT.resolve("models/tiny-ar-en");

    static SparkSession spark;
    static TranslationService reference;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2,2]").appName("archive-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        MarianTranslator translator = MarianTranslator.load(ModelDirectory.open(MODEL));
        reference = new TranslationService(new MarianEngine(translator), ServiceConfig.DEFAULTS, ReviewPolicy.defaults());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (reference != null) {
            reference.close();
        }
    }

    @Test
    void translatesEveryArticleLikeTheServiceAndResumesAfterAKill(@TempDir Path tmp) throws IOException {
        Map<String, String> articles = articles(200, 7);
        Path input = tmp.resolve("articles.jsonl");
        writeJsonl(input, articles);
        Path output = tmp.resolve("out");

        // a run that stops after 120 articles (as if killed after its third chunk)
        ArchiveOptions first = options(input, output, "parquet,jsonl", true).withLimit(120);
        ArchiveJob.Result r1 = new ArchiveJob(spark, first, quiet()).run();
        assertEquals(200, r1.input());
        assertEquals(0, r1.alreadyDone());
        assertEquals(120, r1.translated());
        assertEquals(80, r1.remaining());
        assertEquals(3, r1.chunks());
        Map<String, String> parquet = parquetDocuments(output);
        assertEquals(120, parquet.size());
        assertEquals(120, spark.read().parquet(output.resolve("parquet").toString()).count(), "no duplicate rows");

        // lose one committed Parquet file, and leave a killed job's committed-but-unpublished task behind
        List<Path> parts = partFiles(output.resolve("parquet"));
        Path lost = parts.get(0);
        long lostRows = spark.read().parquet(lost.toString()).count();
        assertTrue(lostRows > 0);
        Path leftover = output.resolve("parquet/_temporary/0/task_20260101000000_0001_m_000000");
        Files.createDirectories(leftover);
        Files.copy(parts.get(1), leftover.resolve(parts.get(1).getFileName()));
        Files.delete(lost);

        // the rerun translates only what is missing (the 80 never done + the lost rows, which the JSONL
        // and pairs tables still hold and do not get again), and survives a failed task attempt
        ArchiveOptions rest = options(input, output, "parquet,jsonl", true);
        ArchiveJob.Result r2 = new ArchiveJob(spark, rest, quiet(), 0).run();
        assertEquals(120 - lostRows, r2.alreadyDone());
        assertEquals(80 + lostRows, r2.translated());
        assertEquals(0, r2.remaining());

        Map<String, JsonElement> expected = new LinkedHashMap<>();
        long sentences = 0;
        for (Map.Entry<String, String> a : articles.entrySet()) {
            String json = DocumentJsonWriter.write(reference.translate(a.getValue(), DecodeOptions.DEFAULT));
            JsonElement doc = JsonParser.parseString(json);
            sentences += doc.getAsJsonObject().getAsJsonObject("stats").get("sentences").getAsLong();
            expected.put(a.getKey(), comparable(doc));
        }
        assertTrue(sentences > 400, "articles of several sentences: " + sentences);

        parquet = parquetDocuments(output);
        assertEquals(200, spark.read().parquet(output.resolve("parquet").toString()).count(), "no duplicate rows");
        assertSameDocuments(expected, parquet);

        Map<String, String> jsonl = new HashMap<>();
        long jsonlLines = 0;
        for (Path part : partFiles(output.resolve("jsonl"))) {
            for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                jsonl.put(o.get("id").getAsString(), o.get("document").toString());
                jsonlLines++;
            }
        }
        assertEquals(200, jsonlLines, "no duplicate lines");
        assertSameDocuments(expected, jsonl);

        Row pairs = spark.read().parquet(output.resolve("pairs").toString())
                .selectExpr("count(*)", "count(distinct id, paragraph, sentence)", "count(distinct id)").first();
        assertEquals(sentences, pairs.getLong(0), "one pair per sentence");
        assertEquals(sentences, pairs.getLong(1), "no duplicate pairs");

        // a third run finds nothing to do
        ArchiveJob.Result r3 = new ArchiveJob(spark, rest, quiet()).run();
        assertEquals(200, r3.alreadyDone());
        assertEquals(0, r3.translated());
        assertEquals(0, r3.chunks());
    }

    @Test
    void readsParquetInputWithNumericIdsAndFollowsAGlossary(@TempDir Path tmp) throws IOException {
        Map<String, String> articles = articles(12, 11);
        List<Row> rows = new ArrayList<>();
        articles.forEach((id, text) -> rows.add(org.apache.spark.sql.RowFactory.create(
                Long.parseLong(id.substring(2)) + 1000, text)));
        Path input = tmp.resolve("articles.parquet");
        spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("id", "long").add("text", "string")).write().parquet(input.toString());
        Path output = tmp.resolve("out");
        String tsv = "موسكو\tMoscow\nلافروف\tLavrov\n";
        Path glossaryFile = tmp.resolve("desk.tsv");
        Files.writeString(glossaryFile, tsv, StandardCharsets.UTF_8);
        Glossary glossary = Glossary.inline(GlossaryFormat.TSV.parse(tsv));
        assertTrue(articles.values().stream().anyMatch(t -> t.contains("موسكو") || t.contains("لافروف")), "the glossary applies");
        List<String> args = new ArrayList<>(List.of("--model", MODEL.toString(), "--input", input.toString(),
                "--output", output.toString(), "--format", "jsonl", "--glossary", glossaryFile.toString()));
        ArchiveJob.Result r = new ArchiveJob(spark, ArchiveOptions.parse(args.toArray(String[]::new)), quiet()).run();
        assertEquals(12, r.translated());
        List<String> lines = new ArrayList<>();
        for (Path part : partFiles(output.resolve("jsonl"))) {
            lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
        }
        assertEquals(12, lines.size());
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            String text = articles.get(String.format("a-%03d", o.get("id").getAsLong() - 1000));
            JsonElement want = JsonParser.parseString(DocumentJsonWriter.write(
                    reference.translate(text, DecodeOptions.DEFAULT, glossary, null)));
            assertEquals(comparable(want), comparable(o.get("document")));
        }
    }

    @Test
    void refusesAMissingInputDuplicateIdsAndMissingTextsBeforeTranslating(@TempDir Path tmp) throws IOException {
        Path output = tmp.resolve("out");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new ArchiveJob(spark, options(tmp.resolve("nope.jsonl"), output, "parquet", false), quiet()).run());
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

        Path input = tmp.resolve("bad.jsonl");
        Files.write(input, List.of("{\"id\": \"a\", \"text\": \"شكراً لكم.\"}", "{\"id\": \"a\", \"text\": \"مرحبا.\"}",
                "{\"id\": \"b\", \"text\": \"مرحبا.\"}"), StandardCharsets.UTF_8);
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> new ArchiveJob(spark, options(input, output, "parquet", false), quiet()).run());
        assertEquals("--input has 1 duplicate id(s); every article needs its own id (resuming relies on it)",
                duplicate.getMessage());

        Files.write(input, List.of("{\"id\": \"a\", \"text\": \"شكراً لكم.\"}", "{\"id\": \"b\"}"), StandardCharsets.UTF_8);
        IllegalArgumentException noText = assertThrows(IllegalArgumentException.class,
                () -> new ArchiveJob(spark, options(input, output, "parquet", false), quiet()).run());
        assertEquals("--input has 1 article(s) without a text", noText.getMessage());
        assertFalse(Files.exists(output.resolve("parquet")), "nothing written");
    }

    static ArchiveOptions options(Path input, Path output, String format, boolean pairs) {
        List<String> args = new ArrayList<>(List.of("--model", MODEL.toString(), "--input", input.toString(),
                "--output", output.toString(), "--format", format, "--chunk", "50", "--group", "4", "--partitions", "4"));
        if (pairs) {
            args.add("--pairs");
        }
        return ArchiveOptions.parse(args.toArray(String[]::new));
    }

    /**
     * {@code n} articles of one to three paragraphs of one to four fixture sentences each (ids
     * {@code a-000}…), repeating sentences across articles as an archive does.
     */
    static Map<String, String> articles(int n, long seed) {
        List<String> sentences;
        try {
            sentences = Files.readAllLines(ROOT.resolve("src/test/resources/parallel/train.ar"), StandardCharsets.UTF_8)
                    .stream().filter(s -> !s.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Random random = new Random(seed);
        Map<String, String> articles = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            List<String> paragraphs = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int p = 0; p < count; p++) {
                List<String> parts = new ArrayList<>();
                int length = 1 + random.nextInt(4);
                for (int s = 0; s < length; s++) {
                    parts.add(sentences.get(random.nextInt(sentences.size())));
                }
                paragraphs.add(String.join(" ", parts));
            }
            articles.put(String.format("a-%03d", i), String.join("\n\n", paragraphs));
        }
        return articles;
    }

    static void writeJsonl(Path file, Map<String, String> articles) throws IOException {
        List<String> lines = new ArrayList<>();
        articles.forEach((id, text) -> {
            JsonObject o = new JsonObject();
            o.addProperty("id", id);
            o.addProperty("text", text);
            lines.add(o.toString());
        });
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static Map<String, String> parquetDocuments(Path output) {
        Map<String, String> docs = new HashMap<>();
        for (Row r : spark.read().parquet(output.resolve("parquet").toString()).collectAsList()) {
            docs.put(r.getString(0), r.getString(1));
        }
        return docs;
    }

    static void assertSameDocuments(Map<String, JsonElement> expected, Map<String, String> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<String, JsonElement> e : expected.entrySet()) {
            assertEquals(e.getValue(), comparable(JsonParser.parseString(actual.get(e.getKey()))), e.getKey());
        }
    }

    /**
     * The document without what depends on timing and on what was translated before: {@code elapsedMs}
     * and the {@code cached} flags (and their count).
     */
    static JsonElement comparable(JsonElement doc) {
        JsonObject o = doc.deepCopy().getAsJsonObject();
        o.getAsJsonObject("stats").remove("elapsedMs");
        o.getAsJsonObject("stats").remove("cached");
        o.getAsJsonArray("paragraphs").forEach(p -> p.getAsJsonObject().getAsJsonArray("sentences")
                .forEach(s -> s.getAsJsonObject().remove("cached")));
        return o;
    }

    static List<Path> partFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().collect(Collectors.toList());
        }
    }

    static PrintStream quiet() {
        return new PrintStream(System.err, true, StandardCharsets.UTF_8);
    }
}
