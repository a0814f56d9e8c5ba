package dev.tarjama.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenizerJsonBuilderTest {
    @Test
    void fixtureModelBecomesPrecompiledStripCollapseMetaspaceUnigram() {
        SentencePieceModel model = SentencePieceModel.load(Path.of("models/tiny-ar-en/source.spm"));
        JsonObject json = JsonParser.parseString(TokenizerJsonBuilder.build(model)).getAsJsonObject();

        JsonArray steps = json.getAsJsonObject("normalizer").getAsJsonArray("normalizers");
        assertEquals(3, steps.size());
        JsonObject precompiled = steps.get(0).getAsJsonObject();
        assertEquals("Precompiled", precompiled.get("type").getAsString());
        assertEquals(237561, Base64.getDecoder().decode(precompiled.get("precompiled_charsmap").getAsString()).length);
        assertEquals("Strip", steps.get(1).getAsJsonObject().get("type").getAsString());
        JsonObject collapse = steps.get(2).getAsJsonObject();
        assertEquals(" {2,}", collapse.getAsJsonObject("pattern").get("Regex").getAsString());
        assertEquals("\u2581", collapse.get("content").getAsString());

        JsonObject pre = json.getAsJsonObject("pre_tokenizer");
        assertEquals("Metaspace", pre.get("type").getAsString());
        assertEquals("always", pre.get("prepend_scheme").getAsString());
        assertTrue(pre.get("split").getAsBoolean());

        JsonObject unigram = json.getAsJsonObject("model");
        assertEquals("Unigram", unigram.get("type").getAsString());
        assertEquals(0, unigram.get("unk_id").getAsInt());
        assertFalse(unigram.get("byte_fallback").getAsBoolean());
        JsonArray vocab = unigram.getAsJsonArray("vocab");
        assertEquals(490, vocab.size());
        JsonArray space = vocab.get(3).getAsJsonArray();
        assertEquals("\u2581", space.get(0).getAsString());
        assertEquals(model.piece(3).score(), space.get(1).getAsFloat());
    }

    @Test
    void controlAndUnknownPiecesGetNamesTheLatticeCannotMatch() {
        SentencePieceModel model = SentencePieceModel.parse(ProtoWriter.minimalModel(1).toByteArray(), "mini.spm");
        JsonArray vocab = JsonParser.parseString(TokenizerJsonBuilder.build(model)).getAsJsonObject()
                .getAsJsonObject("model").getAsJsonArray("vocab");
        for (int id = 0; id < 3; id++) {
            String name = vocab.get(id).getAsJsonArray().get(0).getAsString();
            assertTrue(name.startsWith(model.piece(id).text()) && name.indexOf('\u2581') > 0, name);
        }
        assertEquals("\u2581ab", vocab.get(6).getAsJsonArray().get(0).getAsString());
    }

    @Test
    void modelWithoutCharsmapHasNoPrecompiledStep() {
        SentencePieceModel model = SentencePieceModel.parse(ProtoWriter.minimalModel(1).toByteArray(), "mini.spm");
        JsonArray steps = JsonParser.parseString(TokenizerJsonBuilder.build(model)).getAsJsonObject()
                .getAsJsonObject("normalizer").getAsJsonArray("normalizers");
        assertEquals(2, steps.size());
        assertEquals("Strip", steps.get(0).getAsJsonObject().get("type").getAsString());
    }

    @Test
    void unsupportedByteFallbackAndUnescapedWhitespaceAreRejected() {
        byte[] byteFallback = ProtoWriter.minimalModel(1).message(2, new ProtoWriter().varint(35, 1)).toByteArray();
        SentencePieceModel bf = SentencePieceModel.parse(byteFallback, "bf.spm");
        TokenizerException e = assertThrows(TokenizerException.class, () -> TokenizerJsonBuilder.build(bf));
        assertTrue(e.getMessage().contains("bf.spm") && e.getMessage().contains("byte_fallback"), e.getMessage());

        byte[] noEscape = ProtoWriter.minimalModel(1).message(3, new ProtoWriter().varint(5, 0)).toByteArray();
        SentencePieceModel ne = SentencePieceModel.parse(noEscape, "ne.spm");
        assertThrows(TokenizerException.class, () -> TokenizerJsonBuilder.build(ne));
    }
}
