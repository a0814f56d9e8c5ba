package dev.tarjama.generation;

import dev.tarjama.model.EarlyStopping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The n-best list of finished hypotheses of one source sentence, with transformers' rules: a
 * hypothesis scores {@code sum_logprobs / generated_len^lengthPenalty}; at most {@code beams} are
 * kept; the sentence is done by the {@code early_stopping} rule.
 */
final class BeamHypotheses {
    /** A finished hypothesis: ids without the final {@code </s>}. */
    record Finished(int[] ids, double score) {}

    private final int beams;
    private final double lengthPenalty;
    private final EarlyStopping earlyStopping;
    private final int maxLength;
    private final List<Finished> kept = new ArrayList<>();
    private double worstScore = 1e9;

    BeamHypotheses(int beams, double lengthPenalty, EarlyStopping earlyStopping, int maxLength) {
        this.beams = beams;
        this.lengthPenalty = lengthPenalty;
        this.earlyStopping = earlyStopping;
        this.maxLength = maxLength;
    }

    /** Offers a hypothesis whose log-probabilities sum to {@code sumLogProbs}. */
    void add(int[] ids, double sumLogProbs, int generatedLen) {
        double score = sumLogProbs / Math.pow(generatedLen, lengthPenalty);
        if (kept.size() < beams || score > worstScore) {
            kept.add(new Finished(ids, score));
            if (kept.size() > beams) {
                // drop the worst (the earliest added among equals), as a stable sort then index 0 does
                int worst = 0;
                for (int i = 1; i < kept.size(); i++) {
                    if (kept.get(i).score() < kept.get(worst).score()) {
                        worst = i;
                    }
                }
                kept.remove(worst);
                worstScore = kept.stream().mapToDouble(Finished::score).min().orElseThrow();
            } else {
                worstScore = Math.min(score, worstScore);
            }
        }
    }

    /**
     * Whether no live beam can beat the kept hypotheses.
     *
     * @param bestSumLogProbs the best candidate score of this step
     * @param generatedLen tokens generated including the candidate
     */
    boolean isDone(double bestSumLogProbs, int generatedLen) {
        if (kept.size() < beams) {
            return false;
        }
        return switch (earlyStopping) {
            case EARLY -> true;
            case HEURISTIC -> worstScore >= bestSumLogProbs / Math.pow(generatedLen, lengthPenalty);
            case NEVER -> {
                int len = lengthPenalty > 0 ? maxLength - 1 : generatedLen;
                yield worstScore >= bestSumLogProbs / Math.pow(len, lengthPenalty);
            }
        };
    }

    /** The {@code n} best, best first; among equal scores the one added last comes first. */
    List<Finished> best(int n) {
        List<Finished> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingDouble(Finished::score)); // stable, ascending
        List<Finished> out = new ArrayList<>();
        for (int i = sorted.size() - 1; i >= 0 && out.size() < n; i--) {
            out.add(sorted.get(i));
        }
        return out;
    }
}
