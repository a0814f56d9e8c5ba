package dev.tarjama.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.tarjama.model.DecoderState;
import dev.tarjama.model.MarianConfig;
import dev.tarjama.model.MarianModel;
import java.util.List;

/**
 * Generates translations for a batch of tokenized sources: right-pads them into one batch, runs the
 * encoder once, and decodes with the requested search strategy. Every native array of a call lives
 * in a per-call manager that is closed before returning; per-step intermediates are freed by
 * per-step scopes. Thread-safe: calls share only the read-only weights.
 */
public final class Generator {
    private final MarianModel model;

    public Generator(MarianModel model) {
        this.model = model;
    }

    public MarianConfig config() {
        return model.config();
    }

    /**
     * @param sources source ids, each ending with {@code </s>} (as the tokenizer returns them)
     * @return for each source, its hypotheses best first ({@code returnSequences} of them)
     */
    public List<List<Hypothesis>> generate(List<int[]> sources, GenerationOptions options) {
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
