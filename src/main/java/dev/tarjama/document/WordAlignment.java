package dev.tarjama.document;

import dev.tarjama.translation.TokenAlignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A word-level alignment derived from a {@link TokenAlignment}: source words are the submitted
 * sentence's blank-separated words, target words the translation's; the strength of a (target word,
 * source word) link is the target word's pieces' mean attention summed over the source word's
 * pieces. Each word is linked to its strongest partner (argmax) in either direction.
 *
 * @param sourceWords the source sentence's words as UTF-16 spans {@code [start, end)}
 * @param targetWords the translation's words as UTF-16 spans
 * @param targetToSource for each target word, its strongest source word
 * @param sourceToTarget for each source word, its strongest target word
 */
record WordAlignment(List<int[]> sourceWords, List<int[]> targetWords, int[] targetToSource, int[] sourceToTarget) {

    /**
     * Aligns {@code source} (as submitted) with {@code translation}; empty when the pieces cannot be
     * matched to the words (normalization merged or split words, unknown pieces).
     */
    static Optional<WordAlignment> of(String source, String translation, TokenAlignment tokens) {
        List<int[]> sourceWords = words(source);
        List<int[]> targetWords = words(translation);
        int[] sourcePieceWord = sourcePieceWords(tokens.sourcePieces(), sourceWords.size());
        int[] targetPieceWord = targetPieceWords(tokens.targetPieces(), translation, targetWords);
        if (sourcePieceWord == null || targetPieceWord == null || sourceWords.isEmpty() || targetWords.isEmpty()) {
            return Optional.empty();
        }
        double[][] strength = new double[targetWords.size()][sourceWords.size()];
        int[] piecesPerTarget = new int[targetWords.size()];
        for (int t = 0; t < targetPieceWord.length; t++) {
            piecesPerTarget[targetPieceWord[t]]++;
            float[] row = tokens.weights()[t];
            for (int s = 0; s < row.length; s++) {
                strength[targetPieceWord[t]][sourcePieceWord[s]] += row[s];
            }
        }
        int[] targetToSource = new int[targetWords.size()];
        for (int t = 0; t < strength.length; t++) {
            targetToSource[t] = argmax(strength[t]);
            for (int s = 0; s < strength[t].length; s++) {
                strength[t][s] /= Math.max(1, piecesPerTarget[t]);
            }
        }
        int[] sourceToTarget = new int[sourceWords.size()];
        for (int s = 0; s < sourceWords.size(); s++) {
            double best = -1;
            for (int t = 0; t < strength.length; t++) {
                if (strength[t][s] > best) {
                    best = strength[t][s];
                    sourceToTarget[s] = t;
                }
            }
        }
        return Optional.of(new WordAlignment(sourceWords, targetWords, targetToSource, sourceToTarget));
    }

    /** Blank-separated words as spans; blanks are what the normalizer turns into spaces. */
    static List<int[]> words(String text) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean blank = isSeparator(cp);
            if (blank && start >= 0) {
                out.add(new int[] {start, i});
                start = -1;
            } else if (!blank && start < 0 && !isDeleted(cp)) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(new int[] {start, text.length()});
        }
        return out;
    }

    private static boolean isDeleted(int cp) {
        return cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
    }

    private static boolean isSeparator(int cp) {
        if (isDeleted(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL
                || type == Character.FORMAT;
    }

    /** Word index of each source piece: a piece starting with ▁ starts a word; null if the counts differ. */
    private static int[] sourcePieceWords(List<String> pieces, int words) {
        int[] out = new int[pieces.size()];
        int word = -1;
        for (int i = 0; i < pieces.size(); i++) {
            if (pieces.get(i).startsWith("▁") || word < 0) {
                word++;
            }
            out[i] = word;
        }
        return word + 1 == words ? out : null;
    }

    /** Word index of each target piece, by spelling the pieces along the translation; null if they do not spell it. */
    private static int[] targetPieceWords(List<String> pieces, String translation, List<int[]> words) {
        int[] out = new int[pieces.size()];
        int at = 0;
        for (int i = 0; i < pieces.size(); i++) {
            String p = pieces.get(i).replace("▁", "");
            while (at < translation.length() && Character.isWhitespace(translation.charAt(at)) && !p.isEmpty()) {
                at++;
            }
            if (p.isEmpty()) {
                out[i] = wordAt(words, Math.min(at, translation.length() - 1), true);
                continue;
            }
            if (!translation.startsWith(p, at)) {
                return null;
            }
            out[i] = wordAt(words, at, false);
            if (out[i] < 0) {
                return null;
            }
            at += p.length();
        }
        return out;
    }

    /** The word containing offset {@code at} (or the next word when {@code next} and {@code at} is blank). */
    private static int wordAt(List<int[]> words, int at, boolean next) {
        for (int w = 0; w < words.size(); w++) {
            if (at >= words.get(w)[0] && at < words.get(w)[1]) {
                return w;
            }
            if (next && at < words.get(w)[0]) {
                return w;
            }
        }
        return next ? words.size() - 1 : -1;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
