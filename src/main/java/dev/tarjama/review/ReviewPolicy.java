package dev.tarjama.review;

/**
 * Thresholds of the review signals. {@link #defaults()} is calibrated on the tiny fixture model
 * (docs/review-calibration.md); a real opus-mt model needs its own calibration of
 * {@code minScore}.
 *
 * @param minScore a mean token log-probability below this is {@code low_confidence}
 * @param minLengthRatio lower bound of (target chars + slack) / (source chars + slack)
 * @param maxLengthRatio upper bound of the same ratio
 * @param lengthSlack characters added to both lengths, so that very short sentences do not swing
 * @param maxCharRun a character repeated this many times in a row is {@code repetition}
 */
public record ReviewPolicy(double minScore, double minLengthRatio, double maxLengthRatio, int lengthSlack, int maxCharRun) {
    public ReviewPolicy {
        if (Double.isNaN(minScore) || minScore > 0) {
            throw new IllegalArgumentException("minScore must be a log-probability <= 0, got " + minScore);
        }
        if (!(minLengthRatio > 0 && minLengthRatio < maxLengthRatio)) {
            throw new IllegalArgumentException("need 0 < minLengthRatio < maxLengthRatio");
        }
        if (lengthSlack < 0 || maxCharRun < 2) {
            throw new IllegalArgumentException("lengthSlack must be >= 0 and maxCharRun >= 2");
        }
    }

    /** Thresholds calibrated on the fixture (see docs/review-calibration.md). */
    public static ReviewPolicy defaults() {
        return new ReviewPolicy(-0.06, 0.5, 2.5, 10, 4);
    }

    public ReviewPolicy withMinScore(double score) {
        return new ReviewPolicy(score, minLengthRatio, maxLengthRatio, lengthSlack, maxCharRun);
    }
}
