package dev.tarjama.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tarjama.generation.GenerationOptions;
import dev.tarjama.generation.SearchStrategy;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.model.Precision;
import dev.tarjama.translation.MarianTranslator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code translate --model DIR [--beams N] [--max-length N] [--format text|jsonl] [--batch N]
 * [--precision fp32|bf16|int8]}: one sentence per stdin line, one output line per input line, in
 * order. Lines are translated exactly as given (as transformers would, in fp32), in batches. The
 * precision may also come from {@code TARJAMA_PRECISION}; the flag wins.
 */
public final class TranslateCommand {
    private static final Gson GSON = new Gson();

    private TranslateCommand() {}

    /** Runs with no environment (fp32 unless {@code --precision} says otherwise). */
    public static int run(String[] argv, BufferedReader in, PrintStream out, PrintStream err) throws IOException {
        return run(argv, Map.of(), in, out, err);
    }

    /** Runs with {@code env} ({@code TARJAMA_PRECISION}). */
    public static int run(String[] argv, Map<String, String> env, BufferedReader in, PrintStream out, PrintStream err)
            throws IOException {
        Args args = Args.parse("translate", argv, 1,
                Set.of("model", "beams", "max-length", "format", "batch", "precision"), Set.of());
        String format = args.value("format").orElse("text");
        if (!format.equals("text") && !format.equals("jsonl")) {
            throw new Args.UsageException("translate: --format must be text or jsonl, got '" + format + "'");
        }
        String model = args.value("model").orElseThrow(() -> new Args.UsageException("translate: --model DIR is required"));
        int batch = args.intValue("batch", 1, 256).orElse(16);
        var beams = args.intValue("beams", 1, 16);
        var maxLength = args.intValue("max-length", 2, Integer.MAX_VALUE);
        Precision precision = PrecisionOption.fromFlagOrEnv("translate", args, env);
        ModelDirectory dir = ModelDirectory.open(java.nio.file.Path.of(model));
        try (MarianTranslator translator = MarianTranslator.load(dir, 1, precision)) {
            GenerationOptions options = translator.defaultOptions();
            if (beams.isPresent()) {
                options = options.withStrategy(SearchStrategy.of(beams.get(), dir.config().generation().earlyStopping()));
            }
            int maxPositions = translator.maxSourceTokens();
            if (maxLength.isPresent()) {
                if (maxLength.get() > maxPositions) {
                    throw new Args.UsageException("translate: --max-length must be at most " + maxPositions
                            + " (the model's positions), got " + maxLength.get());
                }
                options = options.withMaxLength(maxLength.get());
            }
            List<String> pending = new ArrayList<>();
            int lineNumber = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                int tokens = line.isBlank() ? 0 : translator.tokenCount(line);
                if (tokens > maxPositions) {
                    flush(translator, pending, options, format, out);
                    err.println("translate: line " + lineNumber + " has " + tokens + " tokens; the model takes at most "
                            + maxPositions + ". Split it into sentences (the HTTP service does this for articles).");
                    return 3;
                }
                pending.add(line);
                if (pending.size() >= batch) {
                    flush(translator, pending, options, format, out);
                }
            }
            flush(translator, pending, options, format, out);
        }
        return 0;
    }

    /** Translates the pending lines (blank ones are not sent to the model) and prints them in order. */
    private static void flush(MarianTranslator translator, List<String> lines, GenerationOptions options,
            String format, PrintStream out) {
        List<String> work = lines.stream().filter(l -> !l.isBlank()).toList();
        List<MarianTranslator.Result> results = translator.translate(work, options);
        int next = 0;
        for (String line : lines) {
            MarianTranslator.Result r = line.isBlank() ? null : results.get(next++);
            if (format.equals("text")) {
                out.println(r == null ? "" : oneLine(r.best().text()));
            } else {
                JsonObject o = new JsonObject();
                o.addProperty("source", line);
                o.addProperty("translation", r == null ? "" : r.best().text());
                JsonArray ids = new JsonArray();
                if (r != null) {
                    for (int id : r.best().ids()) {
                        ids.add(id);
                    }
                }
                o.add("ids", ids);
                if (r == null) {
                    o.add("score", com.google.gson.JsonNull.INSTANCE);
                } else {
                    o.addProperty("score", r.best().score());
                }
                out.println(GSON.toJson(o));
            }
        }
        out.flush();
        lines.clear();
    }

    /** Keeps one output line per input line even if a translation contained a line break. */
    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
