package dev.tarjama.tokenizer;

/**
 * A tokenizer file (SentencePiece model, vocab.json, tokenizer_config.json) is missing, corrupt or
 * describes something this package does not support. The message names the file.
 */
public final class TokenizerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TokenizerException(String message) {
        super(message);
    }

    public TokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
