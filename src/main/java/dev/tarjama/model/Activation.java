package dev.tarjama.model;

/** The feed-forward activation of a Marian layer ({@code activation_function} in config.json). */
public enum Activation {
    /** x * sigmoid(x); config names "swish" and "silu". */
    SILU,
    /** Exact (erf) GELU, as transformers' "gelu". */
    GELU,
    RELU;

    /**
     * Maps a transformers activation name.
     *
     * @throws IllegalArgumentException for a name this implementation does not support
     */
    public static Activation fromConfig(String name) {
        if (name == null) {
            throw new IllegalArgumentException("activation_function is missing");
        }
        switch (name) {
            case "swish":
            case "silu":
                return SILU;
            case "gelu":
                return GELU;
            case "relu":
                return RELU;
            default:
                throw new IllegalArgumentException("unsupported activation_function \"" + name
                        + "\" (supported: swish, silu, gelu, relu)");
        }
    }
}
