package dev.tarjama.cli;

import dev.tarjama.bench.AccuracyBench;
import dev.tarjama.bench.BenchModel;
import dev.tarjama.bench.BenchShape;
import dev.tarjama.bench.MachineInfo;
import dev.tarjama.generation.GenerationOptions;
import dev.tarjama.generation.Generator;
import dev.tarjama.generation.Hypothesis;
import dev.tarjama.generation.SearchStrategy;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.MarianModel;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.model.Precision;
import dev.tarjama.translation.MarianTranslator;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code bench --accuracy [--precision bf16,int8] [--model DIR] [--sentences FILE] [--references FILE]
 * [--random N] [--shape base|big] [--cache DIR] [--tokenizer DIR] [--seed N] [--out FILE]}: the
 * accuracy contract of the reduced precisions (issue 13). Part one translates the fixture's
 * memorized sentences in fp32 and in each reduced precision, greedy and beam 4, and counts how many
 * equal fp32's ids and how many still equal the memorized translation; part two does the same on
 * {@code --random} seeded random sources (default 64) with the random-weight real-size model.
 */
final class AccuracyBenchCommand {
    private AccuracyBenchCommand() {}

    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse("bench", argv, 1, Set.of("precision", "model", "sentences", "references", "random",
                "shape", "cache", "tokenizer", "seed", "out", "threads"), Set.of("accuracy"));
        args.intValue("threads", 1, 256).ifPresent(n -> System.setProperty("ai.djl.pytorch.num_threads", n.toString()));
        List<Precision> precisions = new ArrayList<>();
        for (String p : BenchCommand.list(args.value("precision").orElse("bf16,int8"))) {
            try {
                Precision parsed = Precision.parse(p);
                if (parsed == Precision.FP32) {
                    throw new IllegalArgumentException("fp32 is the reference; name bf16 and/or int8");
                }
                precisions.add(parsed);
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException("bench: --precision: " + e.getMessage());
            }
        }
        BenchShape shape;
        try {
            shape = BenchShape.named(args.value("shape").orElse("base"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("bench: --shape: " + e.getMessage());
        }
        Path fixture = Path.of(args.value("model").orElse("models/tiny-ar-en"));
        Path sentencesFile = Path.of(args.value("sentences").orElse("src/test/resources/parallel/train.ar"));
        Path referencesFile = Path.of(args.value("references").orElse("src/test/resources/parallel/train.en"));
        int randomCount = args.intValue("random", 0, 10_000).orElse(64);
        long seed = args.intValue("seed", 0, Integer.MAX_VALUE).orElse(1);
        DjlRuntime.startEngine();
        String loadAtStart = MachineInfo.currentLoadAverage();

        List<AccuracyBench.Row> rows = new ArrayList<>();
        List<String> sentences = lines(sentencesFile);
        List<String> references = Files.exists(referencesFile) ? lines(referencesFile) : null;
        err.println("bench: accuracy on " + fixture + ", " + sentences.size() + " sentences ...");
        List<List<Hypothesis>> fixtureFp32 = new ArrayList<>();
        try (MarianTranslator t = MarianTranslator.load(ModelDirectory.open(fixture))) {
            for (SearchStrategy s : AccuracyBench.searches()) {
                fixtureFp32.add(best(t.translate(sentences, t.defaultOptions().withStrategy(s))));
            }
        }
        for (Precision p : precisions) {
            try (MarianTranslator t = MarianTranslator.load(ModelDirectory.open(fixture), 1, p)) {
                List<SearchStrategy> searches = AccuracyBench.searches();
                for (int i = 0; i < searches.size(); i++) {
                    List<MarianTranslator.Result> results =
                            t.translate(sentences, t.defaultOptions().withStrategy(searches.get(i)));
                    boolean[] exact = null;
                    if (references != null && references.size() == sentences.size()) {
                        exact = new boolean[sentences.size()];
                        for (int j = 0; j < exact.length; j++) {
                            exact[j] = results.get(j).best().text().equals(references.get(j));
                        }
                    }
                    rows.add(AccuracyBench.compare(fixture.getFileName().toString(), p.label(),
                            AccuracyBench.name(searches.get(i)), fixtureFp32.get(i), best(results), exact));
                }
            }
        }

        if (randomCount > 0) {
            Path cache = Path.of(args.value("cache").orElse("target/bench-model"));
            Path tokenizer = Path.of(args.value("tokenizer").orElse("models/tiny-ar-en"));
            Path dir = BenchModel.ensure(cache, tokenizer, seed, shape);
            err.println("bench: accuracy on the random " + shape.name() + " model, " + randomCount + " sources ...");
            List<List<Hypothesis>> randomFp32 = new ArrayList<>();
            List<int[]> sources;
            try (MarianModel m = MarianModel.load(ModelDirectory.open(dir)); Generator g = new Generator(m)) {
                sources = AccuracyBench.randomSources(seed, randomCount, m.config().vocabSize(), m.config().eosTokenId(),
                        m.config().padTokenId());
                for (SearchStrategy s : AccuracyBench.searches()) {
                    randomFp32.add(generate(g, sources, AccuracyBench.randomModelOptions(s)));
                }
            }
            for (Precision p : precisions) {
                try (MarianModel m = MarianModel.load(ModelDirectory.open(dir), p); Generator g = new Generator(m)) {
                    List<SearchStrategy> searches = AccuracyBench.searches();
                    for (int i = 0; i < searches.size(); i++) {
                        List<Hypothesis> reduced = generate(g, sources, AccuracyBench.randomModelOptions(searches.get(i)));
                        rows.add(AccuracyBench.compare("random-" + shape.name(), p.label(),
                                AccuracyBench.name(searches.get(i)), randomFp32.get(i), reduced, null));
                    }
                }
            }
        }

        String loadAtEnd = MachineInfo.currentLoadAverage();
        out.println("accuracy of the reduced precisions against fp32 (same sources, same options)");
        out.println(AccuracyBench.Row.header());
        rows.forEach(r -> out.println(r.line()));
        out.println("same ids: best hypothesis identical to fp32's; same prefix: mean share of fp32's tokens before the "
                + "first difference; memorized: outputs equal to the training translation (fixture only)");
        out.println("load average: " + loadAtStart + " at start, " + loadAtEnd + " at end");
        BenchCommand.writeOut(args, AccuracyBench.toJson(rows, loadAtStart, loadAtEnd));
        return 0;
    }

    private static List<Hypothesis> best(List<MarianTranslator.Result> results) {
        return results.stream().map(r -> new Hypothesis(r.best().ids(), r.best().score())).toList();
    }

    private static List<Hypothesis> generate(Generator g, List<int[]> sources, GenerationOptions options) {
        List<Hypothesis> out = new ArrayList<>();
        int batch = 16;
        for (int i = 0; i < sources.size(); i += batch) {
            for (List<Hypothesis> hyps : g.generate(sources.subList(i, Math.min(sources.size(), i + batch)), options)) {
                out.add(hyps.get(0));
            }
        }
        return out;
    }

    private static List<String> lines(Path file) throws java.io.IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty())
                .toList();
    }
}
