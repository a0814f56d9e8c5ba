package dev.tarjama.glossary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Enforces a glossary by placeholder masking: every matched Arabic term is replaced by a 4-digit
 * ASCII number (7001, 7002, ... skipping any digit string the sentence already contains) before
 * translation, and each placeholder found in the output is replaced by the term's English (or, for a
 * do-not-translate term, by the source text as written).
 *
 * <p>Why digits: Marian/OPUS-MT models copy digit strings through almost without exception (numbers
 * are copied in millions of training pairs), every digit is a SentencePiece piece in both the source
 * and the target model with the same id in the joint vocabulary, and a digit string is never
 * translated or transliterated. Brackets such as {@code ⟦1⟧}, {@code @1@} or {@code __1__} are
 * unknown to the tiny model's vocabulary ({@code <unk>}), which the decoder cannot emit, so they would
 * vanish; Latin tokens such as {@code T1} or {@code XX} split differently on the two sides. A
 * placeholder that comes back as {@code 7,001}, {@code 7.001} or in Arabic-Indic digits still counts.
 *
 * <p>A placeholder that does not come back makes its term {@code missing}; a digit run of three or
 * more digits that contains a lost placeholder or is part of one, and is not a number of the source,
 * is a broken placeholder and is removed from the text and listed, so no placeholder fragment is ever
 * left in the output. Immutable and thread-safe.
 */
public final class GlossaryMasker {
    /** The first placeholder value. */
    public static final int FIRST_PLACEHOLDER = 7001;

    private final Glossary glossary;

    public GlossaryMasker(Glossary glossary) {
        this.glossary = Objects.requireNonNull(glossary, "glossary");
    }

    public Glossary glossary() {
        return glossary;
    }

    /** Replaces the glossary terms of {@code sentence} by placeholders. */
    public MaskedSentence mask(String sentence) {
        List<TermMatch> matches = glossary.find(sentence);
        if (matches.isEmpty()) {
            return new MaskedSentence(sentence, sentence, List.of());
        }
        String sourceDigits = asciiDigits(sentence);
        List<MaskedSentence.Placeholder> placeholders = new ArrayList<>();
        StringBuilder masked = new StringBuilder();
        int next = FIRST_PLACEHOLDER;
        int last = 0;
        for (TermMatch m : matches) {
            while (sourceDigits.contains(Integer.toString(next))) {
                next++;
            }
            String token = Integer.toString(next++);
            placeholders.add(new MaskedSentence.Placeholder(token, m));
            masked.append(sentence, last, m.start()).append(token);
            last = m.end();
        }
        masked.append(sentence, last, sentence.length());
        return new MaskedSentence(sentence, masked.toString(), placeholders);
    }

    /** Puts the terms back into a translation of {@code masked.text()}; see the class comment. */
    public RestoredTranslation restore(MaskedSentence masked, String translation) {
        if (masked.placeholders().isEmpty()) {
            return new RestoredTranslation(translation, List.of(), List.of(), List.of());
        }
        List<DigitRun> runs = DigitRun.find(translation);
        Set<String> sourceNumbers = new HashSet<>();
        DigitRun.find(masked.original()).forEach(r -> sourceNumbers.add(r.digits()));
        List<Edit> edits = new ArrayList<>();
        List<TermMatch> missing = new ArrayList<>();
        List<String> lostTokens = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        Set<DigitRun> used = new HashSet<>();
        for (MaskedSentence.Placeholder p : masked.placeholders()) {
            boolean found = false;
            for (DigitRun r : runs) {
                if (r.digits().equals(p.token()) && r.plainGrouping()) {
                    edits.add(new Edit(r.start(), r.end(), p.term().replacement()));
                    used.add(r);
                    found = true;
                }
            }
            if (found) {
                if (p.term().entry().doNotTranslate()) {
                    kept.add(p.term().surface());
                }
            } else {
                missing.add(p.term());
                lostTokens.add(p.token());
            }
        }
        List<String> fragments = new ArrayList<>();
        for (DigitRun r : runs) {
            if (used.contains(r) || r.digits().length() < 3 || sourceNumbers.contains(r.digits())) {
                continue;
            }
            for (String token : lostTokens) {
                if (r.digits().contains(token) || token.contains(r.digits())) {
                    edits.add(new Edit(r.start(), r.end(), ""));
                    fragments.add(r.text());
                    break;
                }
            }
        }
        edits.sort((a, b) -> Integer.compare(b.start(), a.start()));
        StringBuilder sb = new StringBuilder(translation);
        for (Edit e : edits) {
            sb.replace(e.start(), e.end(), e.text());
        }
        String text = fragments.isEmpty() ? sb.toString() : tidy(sb.toString());
        return new RestoredTranslation(text, missing, fragments, kept);
    }

    /** Masks, translates with {@code translate} and restores. */
    public RestoredTranslation translate(String sentence, UnaryOperator<String> translate) {
        MaskedSentence masked = mask(sentence);
        return restore(masked, translate.apply(masked.text()));
    }

    private record Edit(int start, int end, String text) {}

    /** After removing a fragment: no doubled spaces, no space before punctuation, no edge spaces. */
    private static String tidy(String s) {
        return s.replaceAll(" {2,}", " ").replaceAll(" ([.,;:!?])", "$1").strip();
    }

    private static String asciiDigits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            int d = DigitRun.digit(s.charAt(i));
            sb.append(d >= 0 ? (char) ('0' + d) : ' ');
        }
        return sb.toString();
    }
}
