package dev.tarjama.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The architecture and decoding defaults of a MarianMT checkpoint, as read from a Hugging Face model
 * directory ({@code config.json}, with {@code generation_config.json} taking precedence for decoding
 * settings and special token ids). Only the post-LN, shared-embedding, static-sinusoid variant used by
 * the Helsinki-NLP opus-mt models is supported; {@link #load} refuses anything else.
 *
 * @param vocabSize           rows of the shared embedding and of the logits
 * @param dModel              hidden size
 * @param encoderHeads        attention heads per encoder layer (divides dModel)
 * @param decoderHeads        attention heads per decoder layer (divides dModel)
 * @param maxPositions        rows of the sinusoid table ({@code max_position_embeddings})
 * @param scaleEmbedding      whether token embeddings are multiplied by sqrt(dModel)
 * @param decoderStartTokenId first decoder input token
 * @param generation          decoding defaults
 */
public record MarianConfig(int vocabSize, int dModel, int encoderLayers, int decoderLayers,
        int encoderHeads, int decoderHeads, int encoderFfnDim, int decoderFfnDim, int maxPositions,
        Activation activation, boolean scaleEmbedding, int padTokenId, int eosTokenId,
        int decoderStartTokenId, GenerationDefaults generation) {

    public MarianConfig {
        positive("vocab_size", vocabSize);
        positive("d_model", dModel);
        positive("encoder_layers", encoderLayers);
        positive("decoder_layers", decoderLayers);
        positive("encoder_attention_heads", encoderHeads);
        positive("decoder_attention_heads", decoderHeads);
        positive("encoder_ffn_dim", encoderFfnDim);
        positive("decoder_ffn_dim", decoderFfnDim);
        positive("max_position_embeddings", maxPositions);
        if (dModel % encoderHeads != 0) {
            throw new IllegalArgumentException("encoder_attention_heads " + encoderHeads
                    + " does not divide d_model " + dModel);
        }
        if (dModel % decoderHeads != 0) {
            throw new IllegalArgumentException("decoder_attention_heads " + decoderHeads
                    + " does not divide d_model " + dModel);
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(generation, "generation");
        tokenId("pad_token_id", padTokenId, vocabSize);
        tokenId("eos_token_id", eosTokenId, vocabSize);
        tokenId("decoder_start_token_id", decoderStartTokenId, vocabSize);
        for (int id : generation.badTokenIds()) {
            tokenId("bad_words_ids entry", id, vocabSize);
        }
        if (generation.hasForcedEos()) {
            tokenId("forced_eos_token_id", generation.forcedEosTokenId(), vocabSize);
        }
    }

    /**
     * Reads {@code config.json} and, where present, {@code generation_config.json} from a model
     * directory.
     *
     * @throws ModelLoadException naming the file, key and value of anything missing or unsupported
     */
    public static MarianConfig load(Path modelDir) {
        return MarianConfigReader.read(modelDir);
    }

    /** Size of one encoder attention head. */
    public int encoderHeadDim() {
        return dModel / encoderHeads;
    }

    /** Size of one decoder attention head. */
    public int decoderHeadDim() {
        return dModel / decoderHeads;
    }

    /** The factor token embeddings are multiplied by: sqrt(dModel) or 1. */
    public double embedScale() {
        return scaleEmbedding ? Math.sqrt(dModel) : 1.0;
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, got " + value);
        }
    }

    private static void tokenId(String key, int id, int vocabSize) {
        if (id < 0 || id >= vocabSize) {
            throw new IllegalArgumentException(key + " " + id + " is outside the vocabulary [0, "
                    + vocabSize + ")");
        }
    }
}
