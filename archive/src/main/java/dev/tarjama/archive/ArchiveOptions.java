package dev.tarjama.archive;

import dev.tarjama.translation.DecodeOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one archive run does; immutable and validated.
 *
 * @param master Spark master URL, or null to take it from spark-submit's configuration
 * @param model model directory, readable at this path on every executor (a relative path is resolved
 *     against the executor's working directory, where {@code --archives model.tgz#model} unpacks)
 * @param input JSONL file(s) of {@code {"id", "text"}} or Parquet with columns {@code id}, {@code text}
 * @param inputFormat {@code jsonl} or {@code parquet}
 * @param output directory; each output format goes to its own subdirectory
 * @param formats output formats, one or both of {@code parquet} and {@code jsonl}
 * @param pairs also write the flattened sentence-pair table ({@code OUTPUT/pairs}, Parquet)
 * @param beams beam width (1-8), as {@code POST /v1/translate} takes it
 * @param maxLength maximum output length in tokens (1-512)
 * @param glossary CSV/TSV glossary file (DeepL format) applied to every article, or null
 * @param limit translate at most this many pending articles (0 = all)
 * @param chunkArticles pending articles per Spark write job; a killed run loses at most the chunks in flight
 * @param groupArticles articles a task hands the service in one call (their sentences batch together)
 * @param partitions tasks per chunk (0 = twice Spark's default parallelism)
 * @param workers batch workers (concurrent engine calls) per executor JVM (0 = its task slots)
 * @param slices parts an engine call's batch is split into, decoded concurrently
 */
public record ArchiveOptions(String master, String model, String input, String inputFormat, String output,
        List<String> formats, boolean pairs, int beams, int maxLength, String glossary, long limit, int chunkArticles,
        int groupArticles, int partitions, int workers, int slices) implements Serializable {

    public static final String USAGE = """
            usage: tarjama-archive --model DIR --input PATH --output DIR [options]
              --master URL          Spark master (e.g. 'local[2]'); default: spark-submit's
              --input-format F      jsonl | parquet (default: parquet for *.parquet or a directory, else jsonl)
              --format F[,F]        output: parquet | jsonl | parquet,jsonl (default parquet)
              --pairs               also write OUTPUT/pairs: one row per sentence (translation-memory building)
              --beams N             1-8 (default 4)        --max-length N   1-512 (default 512)
              --glossary FILE       CSV or TSV glossary (DeepL format) for every article
              --limit N             translate at most N pending articles, then stop (0 = all)
              --chunk N             pending articles per write job (default 10000)
              --group N             articles per service call inside a task (default 16)
              --partitions N        tasks per chunk (default 2 x default parallelism)
              --workers N           engine workers per executor JVM (default: its task slots)
              --slices N            parts an engine batch is split into (default 1)
            tarjama-archive bench [--masters 'local[1],local[2]'] [--articles N] [--beams N] [--max-length N]
              benchmark on the random-weight model (docs/performance.md)""";

    public ArchiveOptions {
        require(model != null && !model.isBlank(), "--model is required");
        require(input != null && !input.isBlank(), "--input is required");
        require(output != null && !output.isBlank(), "--output is required");
        require(inputFormat.equals("jsonl") || inputFormat.equals("parquet"),
                "--input-format must be jsonl or parquet, got '" + inputFormat + "'");
        formats = List.copyOf(formats);
        require(!formats.isEmpty(), "--format needs at least one of parquet, jsonl");
        for (String f : formats) {
            require(f.equals("jsonl") || f.equals("parquet"), "--format must be parquet, jsonl or both, got '" + f + "'");
        }
        try {
            new DecodeOptions(beams, maxLength);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--beams/--max-length: " + e.getMessage(), e);
        }
        require(limit >= 0, "--limit must not be negative, got " + limit);
        require(chunkArticles >= 1, "--chunk must be at least 1, got " + chunkArticles);
        require(groupArticles >= 1 && groupArticles <= 1024, "--group must be between 1 and 1024, got " + groupArticles);
        require(partitions >= 0, "--partitions must not be negative, got " + partitions);
        require(workers >= 0 && workers <= 64, "--workers must be between 0 and 64, got " + workers);
        require(slices >= 1 && slices <= 64, "--slices must be between 1 and 64, got " + slices);
    }

    /** Parses the command line; throws {@link IllegalArgumentException} with a message for the user. */
    public static ArchiveOptions parse(String... argv) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        Set<String> valued = Set.of("master", "model", "input", "input-format", "output", "format", "beams",
                "max-length", "glossary", "limit", "chunk", "group", "partitions", "workers", "slices");
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            require(a.startsWith("--"), "unexpected argument '" + a + "'");
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("pairs")) {
                require(value == null, "--pairs takes no value");
                flags.add(name);
                continue;
            }
            require(valued.contains(name), "unknown option --" + name);
            if (value == null) {
                require(i + 1 < argv.length, "--" + name + " needs a value");
                value = argv[++i];
            }
            require(values.put(name, value) == null, "--" + name + " given twice");
        }
        String input = values.get("input");
        String inputFormat = values.getOrDefault("input-format", guessFormat(input)).toLowerCase(Locale.ROOT);
        List<String> formats = new ArrayList<>();
        for (String f : values.getOrDefault("format", "parquet").split(",")) {
            String name = f.strip().toLowerCase(Locale.ROOT);
            if (!formats.contains(name)) {
                formats.add(name);
            }
        }
        return new ArchiveOptions(values.get("master"), values.get("model"), input, inputFormat, values.get("output"),
                formats, flags.contains("pairs"), integer(values, "beams", DecodeOptions.DEFAULT.beams()),
                integer(values, "max-length", DecodeOptions.DEFAULT.maxLength()), values.get("glossary"), longValue(values, "limit", 0),
                integer(values, "chunk", 10_000), integer(values, "group", 16), integer(values, "partitions", 0),
                integer(values, "workers", 0), integer(values, "slices", 1));
    }

    /** The decoding options every article is translated with. */
    public DecodeOptions decode() {
        return new DecodeOptions(beams, maxLength);
    }

    /** A copy translating at most {@code n} pending articles. */
    public ArchiveOptions withLimit(long n) {
        return new ArchiveOptions(master, model, input, inputFormat, output, formats, pairs, beams, maxLength, glossary, n,
                chunkArticles, groupArticles, partitions, workers, slices);
    }

    private static String guessFormat(String input) {
        if (input == null) {
            return "jsonl";
        }
        String lower = input.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet") || lower.endsWith(".pq")) {
            return "parquet";
        }
        return java.nio.file.Files.isDirectory(java.nio.file.Path.of(input)) ? "parquet" : "jsonl";
    }

    private static int integer(java.util.Map<String, String> values, String name, int fallback) {
        long v = longValue(values, name, fallback);
        require(v <= Integer.MAX_VALUE, "--" + name + " is too large: " + v);
        return (int) v;
    }

    private static long longValue(java.util.Map<String, String> values, String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
