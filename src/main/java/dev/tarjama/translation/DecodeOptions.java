package dev.tarjama.translation;

/**
 * Decoding options for one request. {@code beams} is the beam width (1 = greedy), {@code maxLength}
 * the maximum number of target tokens per sentence (the model's positions stop at 512).
 */
public record DecodeOptions(int beams, int maxLength) {
    public static final int MAX_BEAMS = 8;
    public static final int MAX_LENGTH = 512;

    /** Beam 4 and up to 512 target tokens, as in opus-mt's generation config. */
    public static final DecodeOptions DEFAULT = new DecodeOptions(4, 512);

    public DecodeOptions {
        if (beams < 1 || beams > MAX_BEAMS) {
            throw new IllegalArgumentException("beams must be between 1 and " + MAX_BEAMS + ", got " + beams);
        }
        if (maxLength < 1 || maxLength > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "maxLength must be between 1 and " + MAX_LENGTH + ", got " + maxLength);
        }
    }
}
