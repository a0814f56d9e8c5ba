package dev.tarjama.bench;

import dev.tarjama.generation.GenerationOptions;
import dev.tarjama.generation.Generator;
import dev.tarjama.generation.Hypothesis;
import dev.tarjama.generation.SearchStrategy;
import dev.tarjama.model.EarlyStopping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generation throughput with forced lengths. Each source has {@link #SOURCE_TOKENS} tokens (31
 * random ids then {@code </s>}); generation uses {@code minNewTokens = 32} and {@code maxLength = 33}
 * (decoder start + 32), so every sequence takes exactly 32 decoder steps and returns 32 new tokens
 * (the last one the forced {@code </s>}), as transformers' {@code min_new_tokens=32,
 * max_new_tokens=32}. Throughput is {@code workers × batch × 32} target tokens (beam search counts
 * the returned sequence, not the beams) divided by the wall time of the {@code generate} calls,
 * encoder included.
 */
public final class GenerationBench {
    public static final int SOURCE_TOKENS = 32;
    public static final int NEW_TOKENS = 32;

    private final Generator generator;
    private final int eos;
    private final int pad;
    private final int vocab;

    public GenerationBench(Generator generator) {
        this.generator = generator;
        this.eos = generator.config().eosTokenId();
        this.pad = generator.config().padTokenId();
        this.vocab = generator.config().vocabSize();
    }

    /** One measured configuration. */
    /**
     * One measured configuration. {@code tokensPerCpuSecond} divides the tokens by the process CPU
     * time of the median run instead of its wall time: on a shared machine it estimates what the
     * same work would give on an idle one (exactly so with one intra-op thread and one worker).
     */
    public record Result(String mode, int batch, int workers, double tokensPerSecond, double medianMs,
            List<Double> runMs, double tokensPerCpuSecond, long peakRssMb, String loadAverage) {}

    /** The options of a mode: "greedy" or "beam4" (early_stopping false, as opus-mt's defaults). */
    public static GenerationOptions options(String mode) {
        SearchStrategy strategy = switch (mode) {
            case "greedy" -> SearchStrategy.of(1, EarlyStopping.HEURISTIC);
            case "beam4" -> SearchStrategy.of(4, EarlyStopping.HEURISTIC);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        return new GenerationOptions(strategy, 1 + NEW_TOKENS, NEW_TOKENS, 1.0);
    }

    /**
     * Runs {@code warmup} unmeasured and {@code runs} measured rounds; each round is {@code workers}
     * concurrent generate calls of {@code batch} sources each.
     */
    public Result measure(String mode, int batch, int workers, int warmup, int runs) throws Exception {
        return measure(mode, batch, workers, warmup, runs, null);
    }

    /**
     * As {@link #measure(String, int, int, int, int)}; with {@code profile} not null, one more
     * round runs after the measured ones under PyTorch's profiler and its trace is written there.
     */
    public Result measure(String mode, int batch, int workers, int warmup, int runs, java.nio.file.Path profile)
            throws Exception {
        GenerationOptions options = options(mode);
        List<List<int[]>> inputs = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(1000L * batch + workers);
        for (int w = 0; w < workers; w++) {
            inputs.add(sources(random, batch));
        }
        ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers) : null;
        try {
            for (int i = 0; i < warmup; i++) {
                round(inputs, options, pool);
            }
            // earlier configurations' freed blocks go back to the OS, so this row's peak is its own
            dev.tarjama.model.NativeHeap.trim();
            ProcessMemory.resetPeak();
            double[] ms = new double[runs];
            double[] cpuMs = new double[runs];
            for (int i = 0; i < runs; i++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                round(inputs, options, pool);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                cpuMs[i] = (processCpuNanos() - c0) / 1e6;
            }
            long peak = ProcessMemory.peakRssBytes().orElse(-1) >> 20;
            if (profile != null) {
                dev.tarjama.model.DjlRuntime.startProfile();
                try {
                    round(inputs, options, pool);
                } finally {
                    dev.tarjama.model.DjlRuntime.stopProfile(profile);
                }
            }
            double median = median(ms);
            double tokens = (double) workers * batch * NEW_TOKENS;
            List<Double> list = Arrays.stream(ms).boxed().toList();
            double cpu = median(cpuMs);
            return new Result(mode, batch, workers, tokens / (median / 1000.0), median, list,
                    cpu > 0 ? tokens / (cpu / 1000.0) : Double.NaN, peak, MachineInfo.currentLoadAverage());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private void round(List<List<int[]>> inputs, GenerationOptions options, ExecutorService pool) throws Exception {
        if (pool == null) {
            check(generator.generate(inputs.get(0), options));
            return;
        }
        List<Future<List<List<Hypothesis>>>> futures = new ArrayList<>();
        for (List<int[]> in : inputs) {
            futures.add(pool.submit(() -> generator.generate(in, options)));
        }
        for (Future<List<List<Hypothesis>>> f : futures) {
            check(f.get());
        }
    }

    /** Every best hypothesis must be decoder start + exactly 32 new tokens, or the figure is wrong. */
    private static void check(List<List<Hypothesis>> out) {
        for (List<Hypothesis> hyps : out) {
            int length = hyps.get(0).ids().length;
            if (length != 1 + NEW_TOKENS) {
                throw new IllegalStateException("benchmark generated " + (length - 1) + " tokens, expected " + NEW_TOKENS);
            }
        }
    }

    private List<int[]> sources(SplittableRandom random, int batch) {
        List<int[]> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            int[] ids = new int[SOURCE_TOKENS];
            for (int t = 0; t < SOURCE_TOKENS - 1; t++) {
                int id;
                do {
                    id = 2 + random.nextInt(vocab - 2);
                } while (id == pad || id == eos);
                ids[t] = id;
            }
            ids[SOURCE_TOKENS - 1] = eos;
            out.add(ids);
        }
        return out;
    }

    /** CPU time of the whole process (all threads), or -1 where the JVM cannot tell. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
