package dev.tarjama.translation;

import java.util.List;

/**
 * The port through which the translation use case reaches a model. Implementations must be safe to
 * call from several threads: {@link #tokenCount} is called from request threads, {@link #translate}
 * from the service's batch workers.
 */
public interface TranslationEngine {

    /** Identity of the loaded model; {@code revision} changes whenever the model files change. */
    TranslatedDocument.ModelRef model();

    /**
     * Number of source tokens the model sees for an already normalized text; the token budget is
     * counted in these units (the Marian adapter includes {@code </s>}).
     */
    int tokenCount(String normalizedText);

    /**
     * Translates one batch of normalized sentences. Returns exactly one result per input, in input
     * order. For a given sentence and options the result must not depend on the rest of the batch.
     *
     * @throws RuntimeException when the batch cannot be translated; the service then fails the
     *     requests whose sentences were in this batch and only those
     */
    List<EngineResult> translate(List<String> normalizedSentences, DecodeOptions options);

    /**
     * Called by a batch worker that has had no work for a while after translating (once per
     * pause); the engine may hand back memory its last batches left behind. Must not fail.
     */
    default void idle() {}

    /**
     * The model's token alignment of a normalized sentence with a translation of it (forced decoding
     * of the translation's tokens; see {@link TokenAlignment}); empty when the engine cannot tell
     * (then inline markup is kept at the sentence's end). Called from request threads, outside the
     * batch queue, only for sentences whose markup needs placing.
     */
    default java.util.Optional<TokenAlignment> align(String normalizedSource, String translation) {
        return java.util.Optional.empty();
    }
}
