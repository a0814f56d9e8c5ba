package dev.tarjama.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pieces → text the way {@code MarianTokenizer.decode} does it (transformers 4.43.4 with
 * SentencePiece 0.1.97): runs of ordinary pieces are joined by the target SentencePiece model,
 * each special token is written literally followed by a space, "▁" becomes a space, the result is
 * stripped, and optionally {@code clean_up_tokenization} is applied. Stateless.
 */
final class MarianDecoder {
    private static final String SPACE_SYMBOL = TokenizerJsonBuilder.SPACE_SYMBOL;

    private final SentencePieceModel spm;
    private final Set<String> specialTokens;

    MarianDecoder(SentencePieceModel spm, Set<String> specialTokens) {
        this.spm = spm;
        this.specialTokens = Set.copyOf(specialTokens);
    }

    /** Joins already-filtered pieces (special tokens dropped or kept by the caller). */
    String decode(List<String> pieces, boolean cleanUp) {
        StringBuilder out = new StringBuilder();
        List<String> run = new ArrayList<>();
        for (String piece : pieces) {
            if (specialTokens.contains(piece)) {
                out.append(decodePieces(run)).append(piece).append(' ');
                run.clear();
            } else {
                run.add(piece);
            }
        }
        out.append(decodePieces(run));
        String text = pythonStrip(out.toString().replace(SPACE_SYMBOL, " "));
        return cleanUp ? cleanUpTokenization(text) : text;
    }

    /** SentencePiece {@code DecodePieces}: control pieces vanish, pieces it lacks pass through raw. */
    private String decodePieces(List<String> pieces) {
        NormalizerSpec spec = spm.normalizerSpec();
        boolean stripLeading = spec.addDummyPrefix() || spec.removeExtraWhitespaces();
        StringBuilder text = new StringBuilder();
        for (String piece : pieces) {
            int id = spm.pieceToId(piece);
            SentencePieceModel.PieceType type = id < 0 ? SentencePieceModel.PieceType.UNKNOWN
                    : spm.piece(id).type();
            switch (type) {
                case CONTROL -> { }
                case UNKNOWN -> text.append(id < 0 ? piece : spm.trainerSpec().unkSurface());
                default -> {
                    String p = piece;
                    if (stripLeading && text.length() == 0 && p.startsWith(SPACE_SYMBOL)) {
                        p = p.substring(SPACE_SYMBOL.length());
                    }
                    text.append(p.replace(SPACE_SYMBOL, " "));
                }
            }
        }
        return text.toString();
    }

    /** transformers' {@code clean_up_tokenization}, in its order. */
    static String cleanUpTokenization(String text) {
        return text.replace(" .", ".")
                .replace(" ?", "?")
                .replace(" !", "!")
                .replace(" ,", ",")
                .replace(" ' ", "'")
                .replace(" n't", "n't")
                .replace(" 'm", "'m")
                .replace(" 's", "'s")
                .replace(" 've", "'ve")
                .replace(" 're", "'re");
    }

    /** Python's {@code str.strip()}: removes the characters for which {@code str.isspace()} holds. */
    static String pythonStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPythonSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isPythonSpace(char c) {
        return (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= ' ') || c == '\u0085'
                || Character.getType(c) == Character.SPACE_SEPARATOR
                || c == '\u2028' || c == '\u2029';
    }
}
