package dev.tarjama.model;

/**
 * The fixed sinusoidal position table of Marian models, which checkpoints do not store. It is not
 * interleaved: for column pair k and {@code a = pos / 10000^(2k / dim)}, the first half of a row
 * holds {@code sin(a)} and the second half {@code cos(a)}. For an odd {@code dim} the sine half has
 * one column more. Values are computed in double precision and rounded to float once, as
 * transformers does.
 */
public final class Sinusoids {
    private Sinusoids() {}

    /** The table for positions {@code 0..positions-1}, row-major {@code [positions, dim]}. */
    public static float[] table(int positions, int dim) {
        if (positions < 0 || dim < 1) {
            throw new IllegalArgumentException("invalid sinusoid table size " + positions + " x " + dim);
        }
        float[] pe = new float[Math.multiplyExact(positions, dim)]; // [positions, dim]
        int sines = (dim + 1) / 2;
        int cosines = dim / 2;
        double[] inverse = new double[sines]; // 10000^(2k/dim)
        for (int k = 0; k < sines; k++) {
            inverse[k] = Math.pow(10000.0, 2.0 * k / dim);
        }
        for (int pos = 0; pos < positions; pos++) {
            int row = pos * dim;
            for (int k = 0; k < sines; k++) {
                double a = pos / inverse[k];
                pe[row + k] = (float) Math.sin(a);
                if (k < cosines) {
                    pe[row + sines + k] = (float) Math.cos(a);
                }
            }
        }
        return pe;
    }
}
