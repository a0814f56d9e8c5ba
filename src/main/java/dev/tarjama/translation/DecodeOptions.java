package dev.tarjama.translation;

/**
 * Decoding options for one request. {@code beams} is the beam width (1 = greedy), {@code maxLength}
 * the maximum sequence length as transformers' {@code max_length} (decoder start included; the
 * model's positions stop at 512), {@code alternatives} how many best hypotheses to return per
 * sentence (at most {@code beams}; 1 = just the translation).
 */
public record DecodeOptions(int beams, int maxLength, int alternatives) {
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
        if (alternatives < 1 || alternatives > beams) {
            throw new IllegalArgumentException(
                    "alternatives must be between 1 and beams (" + beams + "), got " + alternatives);
        }
    }

    /** Options without alternatives. */
    public DecodeOptions(int beams, int maxLength) {
        this(beams, maxLength, 1);
    }

    /** A copy asking for {@code n} alternatives. */
    public DecodeOptions withAlternatives(int n) {
        return new DecodeOptions(beams, maxLength, n);
    }
}
