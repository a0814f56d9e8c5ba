package dev.tarjama.cli;

import dev.tarjama.bench.ArticleBench;
import dev.tarjama.bench.BenchModel;
import dev.tarjama.bench.BenchReport;
import dev.tarjama.bench.BenchShape;
import dev.tarjama.bench.GenerationBench;
import dev.tarjama.bench.MachineInfo;
import dev.tarjama.bench.ProcessMemory;
import dev.tarjama.generation.Generator;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.MarianModel;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.model.Precision;
import dev.tarjama.translation.MarianTranslator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bench [--quick] [--out FILE] [--threads N] [--workers N] [--modes greedy,beam4]
 * [--batches 1,8,32] [--runs N] [--warmup N] [--no-article] [--cache DIR] [--tokenizer DIR]
 * [--article FILE] [--seed N] [--profile DIR] [--slices N] [--shape base|big] [--precision fp32|bf16|int8]}: writes (once) a random-weight
 * checkpoint with opus-mt-ar-en's dimensions (or, with {@code --shape big}, opus-mt-tc-big-ar-en's), then measures model load, generation throughput and article latency; prints a table
 * and optionally writes JSON. See docs/performance.md for the definitions.
 */
public final class BenchCommand {
    private static final String DEFINITION = "tokensPerSecond = workers*batch*32 / median wall time of the "
            + "generate calls (encoder included); sources are 32 tokens (31 random ids + </s>); minNewTokens=32, "
            + "maxLength=33 (decoder start + 32), so each sequence takes exactly 32 decoder steps and returns 32 "
            + "new tokens, the last the forced </s> (= transformers min_new_tokens=32, max_new_tokens=32); beam4 "
            + "counts returned sequences, not beams; tokensPerCpuSecond uses process CPU time instead of wall time. loadMs = ModelDirectory.open + MarianModel.load after engine "
            + "start. peakRssMb = VmHWM (largest per-phase peak).";

    private BenchCommand() {}

    public static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (Arrays.asList(argv).contains("--fairness")) {
            return FairnessBenchCommand.run(argv, out, err);
        }
        if (Arrays.asList(argv).contains("--accuracy")) {
            return AccuracyBenchCommand.run(argv, out, err);
        }
        if (Arrays.asList(argv).contains("--service")) {
            return ServiceBenchCommand.run(argv, System.getenv(), out, err);
        }
        Args args = Args.parse("bench", argv, 1, Set.of("out", "threads", "workers", "runs", "warmup", "modes",
                "batches", "cache", "tokenizer", "article", "seed", "profile", "slices", "shape", "precision"),
                Set.of("quick", "no-article"));
        Precision precision = PrecisionOption.fromFlagOrEnv("bench", args, System.getenv());
        BenchShape shape;
        try {
            shape = BenchShape.named(args.value("shape").orElse("base"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("bench: --shape: " + e.getMessage());
        }
        boolean quick = args.flag("quick");
        args.intValue("threads", 1, 256).ifPresent(n -> System.setProperty("ai.djl.pytorch.num_threads", n.toString()));
        int workers = args.intValue("workers", 1, 64).orElse(1);
        int slices = args.intValue("slices", 1, 64).orElse(1);
        int runs = args.intValue("runs", 1, 100).orElse(quick ? 2 : 5);
        int warmup = args.intValue("warmup", 0, 100).orElse(1);
        List<String> modes = list(args.value("modes").orElse(quick ? "greedy" : "greedy,beam4"));
        for (String m : modes) {
            GenerationBench.options(m); // rejects unknown modes before the long part
        }
        List<Integer> batches = new ArrayList<>();
        for (String b : list(args.value("batches").orElse(quick ? "1,8" : "1,8,32"))) {
            batches.add(parseInt(b));
        }
        Path profileDir = args.value("profile").map(Path::of).orElse(null);
        if (profileDir != null) {
            Files.createDirectories(profileDir);
        }
        long seed = args.intValue("seed", 0, Integer.MAX_VALUE).orElse(1);
        Path cache = Path.of(args.value("cache").orElse("target/bench-model"));
        Path tokenizer = Path.of(args.value("tokenizer").orElse("models/tiny-ar-en"));
        boolean withArticle = !args.flag("no-article");
        Path articleFile = Path.of(args.value("article").orElse("src/test/resources/seed/000_3043c1e1a094a635.txt"));
        String article = withArticle ? Files.readString(articleFile, StandardCharsets.UTF_8) : null;

        long t0 = System.nanoTime();
        err.println("bench: preparing the random-weight " + shape.name() + " model (" + shape.parameters()
                + " parameters) under " + cache + " ...");
        Path dir = BenchModel.ensure(cache, tokenizer, seed, shape);
        err.printf(Locale.ROOT, "bench: model ready in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, dir);

        long e0 = System.nanoTime();
        DjlRuntime.EngineThreads threads = DjlRuntime.startEngine();
        double engineMs = (System.nanoTime() - e0) / 1e6;
        MachineInfo machine = MachineInfo.current(threads.intraOp(), threads.interOp(), threads.mkl().detail());
        err.println("bench: engine started: " + ProcessMemory.breakdown());
        long peak = 0;

        List<Double> loads = new ArrayList<>();
        List<GenerationBench.Result> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long l0 = System.nanoTime();
            MarianModel model = MarianModel.load(ModelDirectory.open(dir), precision);
            loads.add((System.nanoTime() - l0) / 1e6);
            err.println("bench: after load " + (i + 1) + ": " + ProcessMemory.breakdown());
            if (i < 2) {
                model.close();
                System.gc(); // unmaps the closed model's file mapping, so RSS is not counted twice
                Thread.sleep(200);
                continue;
            }
            try (model; Generator generator = new Generator(model, slices)) {
                GenerationBench bench = new GenerationBench(generator);
                for (String mode : modes) {
                    for (int batch : batches) {
                        Path trace = profileDir == null ? null
                                : profileDir.resolve(mode + "-b" + batch + "-w" + workers + ".json");
                        GenerationBench.Result r = bench.measure(mode, batch, workers, warmup, runs, trace);
                        err.println("bench: " + ProcessMemory.breakdown());
                        peak = Math.max(peak, r.peakRssMb());
                        err.printf(Locale.ROOT, "bench: %s batch %d x%d: %.1f tok/s, %.1f tok/cpu-s (runs %s ms, load %s)%n",
                                mode, batch, workers, r.tokensPerSecond(), r.tokensPerCpuSecond(), r.runMs(),
                                r.loadAverage());
                        results.add(r);
                    }
                }
            }
        }
        peak = Math.max(peak, ProcessMemory.peakRssBytes().orElse(-1) >> 20);
        ArticleBench.Result articleResult = null;
        if (article != null) {
            System.gc(); // unmaps the closed model's weights file before the translator maps it again
            Thread.sleep(200);
            ProcessMemory.resetPeak();
            try (MarianTranslator translator = MarianTranslator.load(ModelDirectory.open(dir), slices, precision)) {
                articleResult = new ArticleBench(translator).measure(article, quick ? 1 : 2);
            }
            peak = Math.max(peak, ProcessMemory.peakRssBytes().orElse(-1) >> 20);
            err.println("bench: after the article: " + ProcessMemory.breakdown());
            err.printf(Locale.ROOT, "bench: article (service) cold %.0f ms, cached %.0f ms%n", articleResult.coldMs(),
                    articleResult.cachedMs());
        }
        double[] loadArray = loads.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(loadArray);
        BenchReport report = new BenchReport(machine, engineMs, loadArray[loadArray.length / 2], loads, results,
                articleResult, peak, MachineInfo.currentLoadAverage(), DEFINITION, precision.label());
        out.printf(Locale.ROOT, "shape %s: d_model %d, %d+%d layers, %d heads, FFN %d, %s, vocab %d (%d parameters, fp32)%n",
                shape.name(), shape.dModel(), shape.layers(), shape.layers(), shape.heads(), shape.ffn(), shape.activation(),
                shape.vocab(), shape.parameters());
        report.printTable(out);
        writeOut(args, report.toJson());
        return 0;
    }

    /** Writes a report's JSON to {@code --out FILE} when given. */
    static void writeOut(Args args, String json) throws IOException {
        if (args.value("out").isPresent()) {
            Path file = Path.of(args.value("out").get());
            try {
                Files.writeString(file, json, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IOException("bench: cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int parseInt(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n < 1 || n > 256) {
                throw new Args.UsageException("bench: batch sizes must be between 1 and 256, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Args.UsageException("bench: --batches takes comma-separated integers, got '" + s + "'");
        }
    }
}
