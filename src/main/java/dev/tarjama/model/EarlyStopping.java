package dev.tarjama.model;

/** Beam search stopping rule ({@code early_stopping} in the generation config). */
public enum EarlyStopping {
    /** {@code false}: stop when no running beam can beat the worst finished one (transformers' heuristic). */
    HEURISTIC,
    /** {@code true}: stop as soon as {@code num_beams} hypotheses are finished. */
    EARLY,
    /** {@code "never"}: stop only when no running beam can improve, taking max_length into account. */
    NEVER
}
