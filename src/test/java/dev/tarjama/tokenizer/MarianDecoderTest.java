package dev.tarjama.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarianDecoderTest {
    private final MarianDecoder decoder = new MarianDecoder(
            SentencePieceModel.parse(ProtoWriter.minimalModel(1).toByteArray(), "mini.spm"),
            Set.of("</s>", "<unk>", "<pad>"));

    @Test
    void leadingWordBoundariesVanishUntilTextAppears() {
        assertEquals("ab a", decoder.decode(List.of("\u2581", "\u2581ab", "\u2581", "a"), false));
    }

    @Test
    void specialTokensAreWrittenLiterallyWithATrailingSpace() {
        assertEquals("<pad> ab</s>", decoder.decode(List.of("<pad>", "\u2581ab", "</s>"), false));
        assertEquals("ab</s> <pad>", decoder.decode(List.of("\u2581ab", "</s>", "<pad>"), false));
    }

    @Test
    void piecesTheTargetModelLacksPassThroughAndControlPiecesVanish() {
        assertEquals("x y", decoder.decode(List.of("\u2581x", "<s>", "\u2581y"), false));
    }

    @Test
    void cleanupFollowsTransformersOrder() {
        assertEquals("Hi, it's me. Don't? no: yes!",
                MarianDecoder.cleanUpTokenization("Hi , it 's me . Do n't ? no: yes !"));
        assertEquals("a'b", MarianDecoder.cleanUpTokenization("a ' b"));
    }

    @Test
    void stripRemovesWhatPythonCallsWhitespace() {
        assertEquals("x", MarianDecoder.pythonStrip("\u00a0\u3000\u001f x \u2029\u0085"));
        assertEquals("\u200bx", MarianDecoder.pythonStrip(" \u200bx "), "ZWSP is not whitespace in Python");
    }
}
