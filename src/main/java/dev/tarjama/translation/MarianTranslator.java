package dev.tarjama.translation;

import dev.tarjama.generation.GenerationOptions;
import dev.tarjama.generation.Generator;
import dev.tarjama.generation.Hypothesis;
import dev.tarjama.model.MarianModel;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.model.Precision;
import dev.tarjama.tokenizer.MarianTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentences in, translations out, exactly as transformers' {@code MarianMTModel.generate} plus
 * {@code MarianTokenizer.decode(skip_special_tokens=True)}: tokenize, generate in one batch, decode.
 * Owns the model and tokenizer it loaded.
 */
public final class MarianTranslator implements AutoCloseable {
    private final ModelDirectory directory;
    private final MarianTokenizer tokenizer;
    private final MarianModel model;
    private final Generator generator;

    private MarianTranslator(ModelDirectory directory, MarianTokenizer tokenizer, MarianModel model, int slices) {
        this.directory = directory;
        this.tokenizer = tokenizer;
        this.model = model;
        this.generator = new Generator(model, slices);
    }

    /** Loads tokenizer and model from a Hugging Face model directory. */
    public static MarianTranslator load(ModelDirectory directory) {
        return load(directory, 1);
    }

    /**
     * As {@link #load(ModelDirectory)}; each batch of at least 16 decoder rows is split into up to
     * {@code slices} parts decoded concurrently (see {@link Generator}).
     */
    public static MarianTranslator load(ModelDirectory directory, int slices) {
        return load(directory, slices, Precision.FP32);
    }

    /** As {@link #load(ModelDirectory, int)}, computing the linear layers and LM head in {@code precision}. */
    public static MarianTranslator load(ModelDirectory directory, int slices, Precision precision) {
        MarianTokenizer tokenizer = MarianTokenizer.load(directory.dir());
        try {
            MarianModel model = MarianModel.load(directory, precision);
            if (tokenizer.vocabSize() != model.config().vocabSize()) {
                model.close();
                throw new IllegalStateException("vocab.json has " + tokenizer.vocabSize() + " entries but the model has "
                        + model.config().vocabSize() + " (vocab_size in config.json)");
            }
            String mismatch = specialIdMismatch(tokenizer, model.config());
            if (mismatch != null) {
                model.close();
                throw new IllegalStateException(directory.dir() + ": " + mismatch);
            }
            return new MarianTranslator(directory, tokenizer, model, slices);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * Generation stops at the config's eos id and pads with its pad id, while the tokenizer appends
     * vocab.json's {@code </s>}: they must be the same ids (tc-big models have eos far from 0).
     */
    private static String specialIdMismatch(MarianTokenizer tokenizer, dev.tarjama.model.MarianConfig cfg) {
        if (tokenizer.eosId() != cfg.eosTokenId()) {
            return "vocab.json has </s> at " + tokenizer.eosId() + " but eos_token_id is " + cfg.eosTokenId();
        }
        if (tokenizer.padId() != cfg.padTokenId()) {
            return "vocab.json has <pad> at " + tokenizer.padId() + " but pad_token_id is " + cfg.padTokenId();
        }
        return null;
    }

    public ModelDirectory directory() {
        return directory;
    }

    public Precision precision() {
        return model.precision();
    }

    /**
     * The directory's content revision plus the precision ({@code "+int8"}, {@code "+bf16"}; nothing
     * for fp32): what documents report and what the sentence caches are keyed by, so results of
     * different precisions never mix.
     */
    public String revision() {
        return directory.revision() + model.precision().revisionSuffix();
    }

    /** The model's generation defaults (generation_config.json). */
    public GenerationOptions defaultOptions() {
        return GenerationOptions.defaults(model.config().generation());
    }

    /** Source token count of a sentence, {@code </s>} included. */
    public int tokenCount(String sentence) {
        return tokenizer.tokenCount(sentence);
    }

    /** The most source tokens the model takes (its position table). */
    public int maxSourceTokens() {
        return model.config().maxPositions();
    }

    /**
     * Translates a batch of sentences.
     *
     * @return one result per sentence, in order; hypotheses best first
     * @throws SourceTooLongException if a sentence has more tokens than the model's positions
     */
    public List<Result> translate(List<String> sentences, GenerationOptions options) {
        List<int[]> sources = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            int[] ids = tokenizer.encode(sentences.get(i)).ids();
            if (ids.length > maxSourceTokens()) {
                throw new SourceTooLongException(i, ids.length, maxSourceTokens());
            }
            sources.add(ids);
        }
        List<List<Hypothesis>> generated = generator.generate(sources, options);
        List<Result> out = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            List<Translation> hyps = new ArrayList<>();
            for (Hypothesis h : generated.get(i)) {
                hyps.add(new Translation(tokenizer.decode(h.ids()), h.ids(), h.score()));
            }
            out.add(new Result(sentences.get(i), sources.get(i).length, hyps));
        }
        return out;
    }

    /**
     * The cross-attention alignment of {@code sentence} with {@code translation}: the translation is
     * tokenized with the target SentencePiece model (for the model's own output this gives back the
     * generated tokens but for rare segmentation ties) and decoded under teacher forcing.
     */
    public TokenAlignment align(String sentence, String translation) {
        dev.tarjama.tokenizer.Encoding source = tokenizer.encode(sentence);
        dev.tarjama.tokenizer.Encoding target = tokenizer.encodeTarget(translation);
        int[] targetIds = target.ids(); // pieces..., </s>
        int[] decoderInput = new int[targetIds.length];
        decoderInput[0] = model.config().decoderStartTokenId();
        System.arraycopy(targetIds, 0, decoderInput, 1, targetIds.length - 1);
        float[][] attention = model.crossAttention(source.ids(), decoderInput); // [T, S]
        int s = source.ids().length - 1; // without </s>
        int t = targetIds.length - 1;
        float[][] weights = new float[t][];
        for (int i = 0; i < t; i++) {
            weights[i] = java.util.Arrays.copyOf(attention[i], s);
        }
        return new TokenAlignment(source.pieces().subList(0, s), target.pieces().subList(0, t), weights);
    }

    /**
     * Returns the C heap's free memory to the OS ({@link dev.tarjama.model.NativeHeap#trim()}); for
     * pauses between batches, not between steps.
     */
    public void releaseIdleMemory() {
        dev.tarjama.model.NativeHeap.trim();
    }

    public record Translation(String text, int[] ids, double score) {}

    /** A sentence, its source token count and its hypotheses, best first. */
    public record Result(String source, int sourceTokens, List<Translation> hypotheses) {
        public Translation best() {
            return hypotheses.get(0);
        }
    }

    /** A sentence longer than the model's position table; nothing is truncated silently. */
    public static final class SourceTooLongException extends IllegalArgumentException {
        private final int index;
        private final int tokens;

        public SourceTooLongException(int index, int tokens, int max) {
            super("sentence " + index + " has " + tokens + " tokens; the model takes at most " + max);
            this.index = index;
            this.tokens = tokens;
        }

        public int index() {
            return index;
        }

        public int tokens() {
            return tokens;
        }
    }

    @Override
    public void close() {
        generator.close();
        model.close();
        tokenizer.close();
    }
}
