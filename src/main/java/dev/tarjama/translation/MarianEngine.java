package dev.tarjama.translation;

import dev.tarjama.generation.GenerationOptions;
import dev.tarjama.generation.SearchStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@link TranslationEngine}: a {@link MarianTranslator} behind the service's port.
 *
 * <p>{@link DecodeOptions#maxLength()} is transformers' {@code max_length} (the decoder start token
 * counts), capped at the model's positions. Scores are rounded to 1e-4 so that a sentence gets
 * byte-identical output whichever batch it was translated in (batched kernels differ in the last
 * float digits).
 */
public final class MarianEngine implements TranslationEngine {
    private static final double SCORE_QUANTUM = 1e-4;
    private final MarianTranslator translator;
    private final TranslatedDocument.ModelRef model;

    public MarianEngine(MarianTranslator translator) {
        this(translator, translator.directory().id());
    }

    /** An engine whose documents name the model {@code id} (a served model's id) rather than its directory. */
    public MarianEngine(MarianTranslator translator, String id) {
        this.translator = translator;
        this.model = new TranslatedDocument.ModelRef(id, translator.revision());
    }

    @Override
    public TranslatedDocument.ModelRef model() {
        return model;
    }

    @Override
    public int tokenCount(String normalizedText) {
        return translator.tokenCount(normalizedText);
    }

    @Override
    public List<EngineResult> translate(List<String> normalizedSentences, DecodeOptions options) {
        List<EngineResult> out = new ArrayList<>(normalizedSentences.size());
        for (MarianTranslator.Result r : translator.translate(normalizedSentences, generationOptions(options))) {
            List<Alternative> alternatives = new ArrayList<>();
            if (options.alternatives() > 1) {
                for (MarianTranslator.Translation t : r.hypotheses()) {
                    alternatives.add(new Alternative(t.text(), round(t.score())));
                }
            }
            // ids: decoder start first, so the generated tokens are the rest
            out.add(new EngineResult(r.best().text(), round(r.best().score()),
                    Math.max(0, r.best().ids().length - 1), alternatives));
        }
        return out;
    }

    @Override
    public java.util.Optional<TokenAlignment> align(String normalizedSource, String translation) {
        if (normalizedSource.isEmpty() || translation.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(translator.align(normalizedSource, translation));
    }

    /** Hands the native memory the last batches left in the C heap back to the OS (see NativeHeap). */
    @Override
    public void idle() {
        translator.releaseIdleMemory();
    }

    /** The generation options for a request's decode options. */
    GenerationOptions generationOptions(DecodeOptions options) {
        GenerationOptions defaults = translator.defaultOptions();
        int maxLength = Math.max(2, Math.min(options.maxLength(), translator.maxSourceTokens()));
        SearchStrategy strategy = options.beams() == 1
                ? new SearchStrategy.Greedy()
                : new SearchStrategy.Beam(options.beams(), options.alternatives(), earlyStopping(defaults));
        return defaults.withStrategy(strategy).withMaxLength(maxLength);
    }

    private static dev.tarjama.model.EarlyStopping earlyStopping(GenerationOptions defaults) {
        return defaults.strategy() instanceof SearchStrategy.Beam b ? b.earlyStopping()
                : dev.tarjama.model.EarlyStopping.HEURISTIC;
    }

    static double round(double score) {
        return Math.round(score / SCORE_QUANTUM) * SCORE_QUANTUM;
    }
}
