package dev.tarjama.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarianTokenizerTest {
    private static final Path MODEL_DIR = Path.of("models/tiny-ar-en");
    private static MarianTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = MarianTokenizer.load(MODEL_DIR);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static Path copyModel(Path dir, String... without) throws IOException {
        for (String name : List.of("source.spm", "target.spm", "vocab.json", "tokenizer_config.json")) {
            if (!List.of(without).contains(name)) {
                Files.copy(MODEL_DIR.resolve(name), dir.resolve(name));
            }
        }
        return dir;
    }

    @Test
    void missingVocabIsReportedWithItsPath(@TempDir Path dir) throws IOException {
        copyModel(dir, "vocab.json");
        TokenizerException e = assertThrows(TokenizerException.class, () -> MarianTokenizer.load(dir));
        assertTrue(e.getMessage().contains(dir.resolve("vocab.json").toString()), e.getMessage());
    }

    @Test
    void corruptTargetModelIsReportedWithItsPath(@TempDir Path dir) throws IOException {
        copyModel(dir, "target.spm");
        Files.write(dir.resolve("target.spm"), "this is not a protobuf\u0007\u0007".getBytes(StandardCharsets.UTF_8));
        TokenizerException e = assertThrows(TokenizerException.class, () -> MarianTokenizer.load(dir));
        assertTrue(e.getMessage().contains(dir.resolve("target.spm").toString()), e.getMessage());
    }

    @Test
    void missingTokenizerConfigMeansDefaultsAndConfigKeyIsHonoured(@TempDir Path dir) throws IOException {
        copyModel(dir, "tokenizer_config.json");
        try (MarianTokenizer t = MarianTokenizer.load(dir)) {
            assertTrue(t.cleanUpTokenizationSpaces());
            assertEquals(861, t.padId());
        }
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"clean_up_tokenization_spaces\": false}");
        int[] ids = tokenizer.encodeTarget("Moscow , Lavrov .").ids();
        try (MarianTokenizer t = MarianTokenizer.load(dir)) {
            assertFalse(t.cleanUpTokenizationSpaces());
            assertEquals("Moscow , Lavrov .", t.decode(ids));
        }
        try (MarianTokenizer t = MarianTokenizer.load(dir, true)) {
            assertEquals("Moscow, Lavrov.", t.decode(ids));
        }
    }

    @Test
    void specialTokenMissingFromVocabIsNamed(@TempDir Path dir) throws IOException {
        copyModel(dir, "tokenizer_config.json");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"pad_token\": {\"content\": \"<blank>\"}}");
        TokenizerException e = assertThrows(TokenizerException.class, () -> MarianTokenizer.load(dir));
        assertTrue(e.getMessage().contains("<blank>") && e.getMessage().contains("vocab.json"), e.getMessage());
    }

    @Test
    void separateVocabsAreRefused(@TempDir Path dir) throws IOException {
        copyModel(dir, "tokenizer_config.json");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"separate_vocabs\": true}");
        TokenizerException e = assertThrows(TokenizerException.class, () -> MarianTokenizer.load(dir));
        assertTrue(e.getMessage().contains("separate_vocabs"), e.getMessage());
    }

    @Test
    void concurrentEncodingGivesTheSameIdsAsSequential() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/parallel/train.ar"), StandardCharsets.UTF_8);
        List<int[]> expected = lines.stream().map(l -> tokenizer.encode(l).ids()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < lines.size(); i++) {
                            int k = (i + offset * 13) % lines.size();
                            int[] ids = tokenizer.encode(lines.get(k)).ids();
                            if (!java.util.Arrays.equals(expected.get(k), ids)
                                    || !tokenizer.decode(ids).equals(tokenizer.decode(expected.get(k)))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idsOutsideTheVocabAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {5, 862}));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.idsToPieces(new int[] {100000}));
    }

    @Test
    void languageCodeAtTheStartIsOneTokenAndElsewhereIsRemoved() {
        Encoding atStart = tokenizer.encode(">>ara<< موسكو");
        assertEquals(List.of(">>ara<<", "\u2581موسكو"), atStart.pieces());
        assertEquals(tokenizer.unkId(), atStart.ids()[0]);
        Encoding inside = tokenizer.encode("موسكو >>ara<< لافروف");
        assertEquals(tokenizer.encode("موسكو  لافروف"), inside);
    }

    @Test
    void controlPieceTextInInputIsNotMatchedAsAControlPiece() {
        Encoding e = tokenizer.encode("<s>");
        assertFalse(e.pieces().contains("<s>"), e.pieces().toString());
        assertEquals("<s>", String.join("", e.pieces()).replace("\u2581", ""));
    }

    @Test
    void tokenCountIsTheFullUntruncatedLength() {
        String article = String.join(" ",
                java.util.Collections.nCopies(60, "لافروف: التعاون العسكري والأمني مع كوريا الشمالية"));
        int count = tokenizer.tokenCount(article);
        assertTrue(count > 512, "count " + count);
        assertEquals(count, tokenizer.encode(article).ids().length);
    }

    @Test
    void unpairedSurrogatesAreRejectedAndPairsAccepted() {
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("x\uD800y"));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("\uDC00"));
        assertEquals(List.of("\u2581موسكو", "\uD83D\uDE00"), tokenizer.encode("موسكو\uD83D\uDE00").pieces());
    }

    @Test
    void encodeAfterCloseFailsClearly() {
        MarianTokenizer t = MarianTokenizer.load(MODEL_DIR);
        t.close();
        t.close();
        assertThrows(IllegalStateException.class, () -> t.encode("موسكو"));
    }

    @Test
    void targetEncodingRoundTripsThroughDecode() {
        String text = "Lavrov: Military and security cooperation with North Korea.";
        Encoding e = tokenizer.encodeTarget(text);
        assertEquals(tokenizer.eosId(), e.ids()[e.ids().length - 1]);
        assertEquals(text, tokenizer.decode(e.ids()));
        assertArrayEquals(e.ids(), tokenizer.encodeTarget(text).ids());
    }
}
