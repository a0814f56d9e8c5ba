package dev.tarjama.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentencePieceModelTest {
    private static final Path SOURCE_SPM = Path.of("models/tiny-ar-en/source.spm");

    @Test
    void readsTheFixtureSourceModel() {
        SentencePieceModel model = SentencePieceModel.load(SOURCE_SPM);
        assertEquals(490, model.size());
        assertEquals(new SentencePieceModel.Piece("<unk>", 0f, SentencePieceModel.PieceType.UNKNOWN), model.piece(0));
        assertEquals(SentencePieceModel.PieceType.CONTROL, model.piece(1).type());
        assertEquals("</s>", model.piece(2).text());
        assertEquals("\u2581", model.piece(3).text());
        assertTrue(model.piece(3).score() < 0);
        assertEquals(3, model.pieceToId("\u2581"));
        assertEquals(-1, model.pieceToId("not a piece"));
        TrainerSpec trainer = model.trainerSpec();
        assertEquals(TrainerSpec.UNIGRAM, trainer.modelType());
        assertEquals(0, trainer.unkId());
        assertEquals(1, trainer.bosId());
        assertEquals(2, trainer.eosId());
        assertEquals(-1, trainer.padId(), "pad_id -1 is a 10-byte negative varint");
        assertFalse(trainer.byteFallback());
        assertEquals(" \u2047 ", trainer.unkSurface());
        NormalizerSpec normalizer = model.normalizerSpec();
        assertEquals("nmt_nfkc", normalizer.name());
        assertEquals(237561, normalizer.precompiledCharsmap().length);
        assertTrue(normalizer.addDummyPrefix());
        assertTrue(normalizer.removeExtraWhitespaces());
        assertTrue(normalizer.escapeWhitespaces());
    }

    @Test
    void parsesAHandBuiltModelWithSchemaDefaults() {
        SentencePieceModel model = SentencePieceModel.parse(ProtoWriter.minimalModel(1).toByteArray(), "mini.spm");
        assertEquals(7, model.size());
        assertEquals(-1f, model.piece(6).score());
        assertFalse(model.normalizerSpec().hasPrecompiledCharsmap());
        assertTrue(model.normalizerSpec().addDummyPrefix(), "absent flag takes the schema default");
    }

    @Test
    void rejectsNonUnigramModelsByName() {
        byte[] bpe = ProtoWriter.minimalModel(2).toByteArray();
        TokenizerException e = assertThrows(TokenizerException.class, () -> SentencePieceModel.parse(bpe, "bpe.spm"));
        assertTrue(e.getMessage().contains("bpe.spm") && e.getMessage().contains("BPE"), e.getMessage());
    }

    @Test
    void truncatedFileIsReportedWithItsPath(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(SOURCE_SPM);
        Path cut = dir.resolve("cut.spm");
        Files.write(cut, Arrays.copyOf(full, full.length / 2 + 3));
        TokenizerException e = assertThrows(TokenizerException.class, () -> SentencePieceModel.load(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void hugeDeclaredLengthFailsBeforeAllocating() {
        // field 1, wire type 2, declared length ~2^62 with only a few bytes behind it
        byte[] bytes = new ProtoWriter().rawVarint(1 << 3 | 2).rawVarint(1L << 62).rawVarint(0).toByteArray();
        TokenizerException e = assertThrows(TokenizerException.class, () -> SentencePieceModel.parse(bytes, "big.spm"));
        assertTrue(e.getMessage().contains("big.spm") && e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void garbageBytesAreRejected() {
        byte[] bytes = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertThrows(TokenizerException.class, () -> SentencePieceModel.parse(bytes, "garbage.spm"));
        assertThrows(TokenizerException.class, () -> SentencePieceModel.parse(new byte[0], "empty.spm"));
    }

    @Test
    void invalidUtf8PieceIsRejected() {
        byte[] bytes = new ProtoWriter()
                .message(1, new ProtoWriter().bytes(1, new byte[] {(byte) 0xC3}).fixed32(2, 0f))
                .toByteArray();
        TokenizerException e = assertThrows(TokenizerException.class, () -> SentencePieceModel.parse(bytes, "utf.spm"));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void duplicatePiecesAndMissingUnknownPieceAreRejected() {
        byte[] duplicate = new ProtoWriter()
                .message(1, ProtoWriter.piece("<unk>", 0f, 2))
                .message(1, ProtoWriter.piece("a", -1f, 1))
                .message(1, ProtoWriter.piece("a", -2f, 1))
                .toByteArray();
        assertThrows(TokenizerException.class, () -> SentencePieceModel.parse(duplicate, "dup.spm"));
        byte[] noUnk = new ProtoWriter().message(1, ProtoWriter.piece("a", -1f, 1)).toByteArray();
        TokenizerException e = assertThrows(TokenizerException.class, () -> SentencePieceModel.parse(noUnk, "nounk.spm"));
        assertTrue(e.getMessage().contains("unk_id"), e.getMessage());
    }

    @Test
    void missingFileIsReportedWithItsPath(@TempDir Path dir) {
        Path missing = dir.resolve("source.spm");
        TokenizerException e = assertThrows(TokenizerException.class, () -> SentencePieceModel.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void normalizerSpecDefendsItsCharsmap() {
        byte[] map = {1, 2, 3};
        NormalizerSpec spec = new NormalizerSpec("x", map, true, true, true);
        map[0] = 9;
        spec.precompiledCharsmap()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, spec.precompiledCharsmap());
    }
}
