package dev.tarjama.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides, for one sentence pair, whether an editor should look at it, from several independent
 * signals (each a {@link ReasonCode}): low mean log-probability, length-ratio outlier, repetition,
 * Arabic letters left in the English, number mismatch, glossary term lost, split for length.
 * Thread-safe and stateless apart from its {@link ReviewPolicy}.
 */
public final class ReviewAssessor {
    private final ReviewPolicy policy;

    public ReviewAssessor(ReviewPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public ReviewPolicy policy() {
        return policy;
    }

    /** All reasons that apply to this pair; {@code needed} when there is at least one. */
    public Review assess(ReviewInput in) {
        List<Reason> reasons = new ArrayList<>();
        if (!Double.isNaN(in.score()) && in.score() < policy.minScore()) {
            reasons.add(new Reason(ReasonCode.LOW_CONFIDENCE,
                    String.format(Locale.ROOT, "mean token log-probability %.4f is below %.4f", in.score(), policy.minScore()),
                    List.of(String.format(Locale.ROOT, "%.4f", in.score()))));
        }
        int src = visibleLength(in.source());
        int tgt = visibleLength(in.translation());
        double ratio = (tgt + policy.lengthSlack()) / (double) (src + policy.lengthSlack());
        if (src + tgt > 0 && (ratio < policy.minLengthRatio() || ratio > policy.maxLengthRatio())) {
            reasons.add(new Reason(ReasonCode.LENGTH_RATIO,
                    String.format(Locale.ROOT,
                            "translation has %d characters for %d in the source (ratio %.2f, expected %.2f to %.2f)",
                            tgt, src, ratio, policy.minLengthRatio(), policy.maxLengthRatio()),
                    List.of(String.format(Locale.ROOT, "%.2f", ratio))));
        }
        List<String> repeated = Repetition.find(in.translation(), policy.maxCharRun());
        if (!repeated.isEmpty()) {
            reasons.add(new Reason(ReasonCode.REPETITION, "repeated in the translation: " + quoted(repeated), repeated));
        }
        List<String> arabic = arabicWords(in.translation(), in.keptArabic());
        if (!arabic.isEmpty()) {
            reasons.add(new Reason(ReasonCode.UNTRANSLATED_ARABIC, "Arabic left in the translation: " + quoted(arabic), arabic));
        }
        NumberCheck numbers = NumberGuard.compare(in.source(), in.translation());
        if (!numbers.ok()) {
            List<String> items = new ArrayList<>();
            numbers.missing().forEach(m -> items.add(m.surface()));
            numbers.extra().forEach(m -> items.add(m.surface()));
            reasons.add(new Reason(ReasonCode.NUMBER_MISMATCH, "numbers differ: " + numbers.describe(), items));
        }
        if (!in.missingTerms().isEmpty()) {
            reasons.add(new Reason(ReasonCode.GLOSSARY_TERM_MISSING,
                    "glossary term not in the translation: " + String.join(", ", in.missingTerms()), in.missingTerms()));
        }
        if (in.split()) {
            reasons.add(new Reason(ReasonCode.SPLIT_FOR_LENGTH,
                    "the sentence was over the token budget and was translated in pieces", List.of()));
        }
        return Review.of(reasons);
    }

    /** Code points that are not whitespace or combining marks (tashkeel would inflate Arabic). */
    static int visibleLength(String s) {
        return (int) s.codePoints()
                .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                        && Character.getType(cp) != Character.NON_SPACING_MARK && Character.getType(cp) != Character.FORMAT)
                .count();
    }

    /** Words containing Arabic-script letters, after removing the allowed (do-not-translate) text. */
    static List<String> arabicWords(String text, List<String> kept) {
        String rest = text;
        for (String k : kept) {
            if (!k.isEmpty()) {
                rest = rest.replace(k, " ");
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < rest.length()) {
            int cp = rest.codePointAt(i);
            if (!isArabic(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < rest.length() && (isArabic(rest.codePointAt(i))
                    || Character.getType(rest.codePointAt(i)) == Character.NON_SPACING_MARK)) {
                i += Character.charCount(rest.codePointAt(i));
            }
            out.add(rest.substring(start, i));
        }
        return out;
    }

    static boolean isArabic(int cp) {
        return Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC;
    }

    private static String quoted(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (String s : items) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append('"').append(s).append('"');
        }
        return sb.toString();
    }
}
