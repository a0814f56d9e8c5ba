package dev.tarjama.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.tarjama.model.DecoderState;
import dev.tarjama.model.MarianConfig;
import dev.tarjama.model.MarianModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates translations for a batch of tokenized sources: right-pads them into one batch, runs the
 * encoder once, and decodes with the requested search strategy. Every native array of a call lives
 * in a per-call manager that is closed before returning; per-step intermediates are freed by
 * per-step scopes. Thread-safe: calls share only the read-only weights.
 *
 * <p>With {@code slices > 1} a large batch is cut into that many contiguous parts decoded at the
 * same time, one per thread (the caller's and a small pool's): inter-op parallelism inside one call,
 * each part running PyTorch with the configured intra-op threads (1 thread each = one core each).
 * A sentence's result does not depend on the rest of its batch, so the output is the same.
 */
public final class Generator implements AutoCloseable {
    /** A part of a split batch has at least this many decoder rows (sentences × beams). */
    static final int MIN_ROWS_PER_SLICE = 8;
    private final MarianModel model;
    private final int slices;
    private final ExecutorService pool; // null when slices == 1

    public Generator(MarianModel model) {
        this(model, 1);
    }

    /** @param slices how many parts a batch of at least {@code 2 × 8} decoder rows is split into (1-64) */
    public Generator(MarianModel model, int slices) {
        if (slices < 1 || slices > 64) {
            throw new IllegalArgumentException("slices must be between 1 and 64, got " + slices);
        }
        this.model = model;
        this.slices = slices;
        this.pool = slices == 1 ? null : Executors.newFixedThreadPool(slices - 1, r -> {
            Thread t = new Thread(r, "tarjama-slice");
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the slice threads (the model is the caller's to close). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    public MarianConfig config() {
        return model.config();
    }

    /**
     * @param sources source ids, each ending with {@code </s>} (as the tokenizer returns them)
     * @return for each source, its hypotheses best first ({@code returnSequences} of them)
     */
    public List<List<Hypothesis>> generate(List<int[]> sources, GenerationOptions options) {
        int rowsPerSource = options.strategy() instanceof SearchStrategy.Beam beam ? beam.beams() : 1;
        int parts = Math.min(slices, sources.size() * rowsPerSource / MIN_ROWS_PER_SLICE);
        if (parts <= 1) {
            return generateBatch(sources, options);
        }
        List<Future<List<List<Hypothesis>>>> futures = new ArrayList<>(parts - 1);
        int size = sources.size();
        for (int p = 1; p < parts; p++) {
            List<int[]> part = sources.subList(size * p / parts, size * (p + 1) / parts);
            futures.add(pool.submit(() -> generateBatch(part, options)));
        }
        List<List<Hypothesis>> out = new ArrayList<>(size);
        try {
            out.addAll(generateBatch(sources.subList(0, size / parts), options));
            for (Future<List<List<Hypothesis>>> f : futures) {
                out.addAll(f.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a batch slice failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch slice", e);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        return out;
    }

    /** One batch on the calling thread. */
    private List<List<Hypothesis>> generateBatch(List<int[]> sources, GenerationOptions options) {
        if (sources.isEmpty()) {
            return List.of();
        }
        MarianConfig cfg = model.config();
        int batch = sources.size();
        int width = 0;
        for (int[] s : sources) {
            if (s.length == 0) {
                throw new IllegalArgumentException("a source has no tokens (it needs at least </s>)");
            }
            if (s.length > cfg.maxPositions()) {
                throw new IllegalArgumentException("a source has " + s.length + " tokens; the model takes at most "
                        + cfg.maxPositions());
            }
            width = Math.max(width, s.length);
        }
        long[] ids = new long[batch * width];
        long[] mask = new long[batch * width];
        for (int b = 0; b < batch; b++) {
            int[] s = sources.get(b);
            for (int t = 0; t < width; t++) {
                ids[b * width + t] = t < s.length ? s[t] : cfg.padTokenId();
                mask[b * width + t] = t < s.length ? 1 : 0;
            }
        }
        try (NDManager manager = model.manager().newSubManager()) {
            NDArray idArray = manager.create(ids, new Shape(batch, width)); // [B, S]
            NDArray maskArray = manager.create(mask, new Shape(batch, width)); // [B, S]
            DecoderState state;
            try (NDScope scope = new NDScope()) {
                NDArray encoded = model.encode(idArray, maskArray); // [B, S, d]
                state = model.startDecoder(encoded, maskArray);
            }
            try (state) {
                Decoding decoding = new Decoding(model, manager, new StepScorer(cfg, options));
                if (options.strategy() instanceof SearchStrategy.Beam beam) {
                    return new BeamSearch(decoding, beam, options, cfg.vocabSize())
                            .run(state, batch, cfg.decoderStartTokenId());
                }
                return GreedySearch.run(decoding, state, batch, cfg.decoderStartTokenId(), options);
            }
        }
    }
}
