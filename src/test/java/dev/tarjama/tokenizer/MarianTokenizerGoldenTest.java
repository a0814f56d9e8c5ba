package dev.tarjama.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parity with transformers 4.43.4's MarianTokenizer on every case of golden/tokenization.json. */
class MarianTokenizerGoldenTest {
    static final Path MODEL_DIR = Path.of("models/tiny-ar-en");
    static final Path GOLDEN = Path.of("src/test/resources/golden/tokenization.json");

    private static MarianTokenizer tokenizer;
    private static JsonObject golden;

    @BeforeAll
    static void load() throws IOException {
        tokenizer = MarianTokenizer.load(MODEL_DIR);
        golden = JsonParser.parseString(Files.readString(GOLDEN, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    /** Counts checks and collects mismatches so one run reports all of them. */
    private static final class Tally {
        final String what;
        int checked;
        int matched;
        final List<String> mismatches = new ArrayList<>();

        Tally(String what) {
            this.what = what;
        }

        void check(String name, Object expected, Object actual) {
            checked++;
            if (Objects.equals(expected, actual)) {
                matched++;
            } else {
                mismatches.add(name + ": expected " + expected + " but got " + actual);
            }
        }

        void report() {
            System.out.printf("[tokenizer golden] %s: %d/%d match%n", what, matched, checked);
            assertTrue(mismatches.isEmpty(), what + " mismatches:\n" + String.join("\n", mismatches));
        }
    }

    private static List<JsonObject> entries() {
        JsonArray array = golden.getAsJsonArray("entries");
        return StreamSupport.stream(array.spliterator(), false).map(JsonElement::getAsJsonObject).toList();
    }

    private static String name(JsonObject entry) {
        return entry.get("kind").getAsString() + (entry.has("index") ? "#" + entry.get("index").getAsInt() : "");
    }

    private static List<String> strings(JsonArray array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonElement::getAsString).toList();
    }

    private static int[] ints(JsonArray array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonElement::getAsInt).toArray();
    }

    private static List<Integer> boxed(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }

    @Test
    void sourcePiecesAndIdsMatchForAllEntriesWithoutTruncation() {
        List<JsonObject> entries = entries();
        assertEquals(109, entries.size());
        Tally pieces = new Tally("source pieces");
        Tally ids = new Tally("source input_ids");
        int longest = 0;
        for (JsonObject e : entries) {
            Encoding enc = tokenizer.encode(e.get("text").getAsString());
            pieces.check(name(e), strings(e.getAsJsonArray("pieces")), enc.pieces());
            ids.check(name(e), boxed(ints(e.getAsJsonArray("input_ids"))), boxed(enc.ids()));
            longest = Math.max(longest, enc.length());
            if (e.has("untruncated_length")) {
                assertEquals(e.get("untruncated_length").getAsInt(), enc.length(), name(e) + " length");
                assertEquals(enc.length(), tokenizer.tokenCount(e.get("text").getAsString()));
            }
        }
        System.out.printf("[tokenizer golden] longest encoding: %d ids%n", longest);
        pieces.report();
        ids.report();
        assertEquals(1905, longest, "the long entry must be encoded in full");
    }

    @Test
    void targetLabelsPiecesAndDecodeVariantsMatchForTrainingEntries() {
        Tally labels = new Tally("labels");
        Tally targetPieces = new Tally("target_pieces");
        Tally skip = new Tally("decode_labels_skip_special");
        Tally keep = new Tally("decode_labels_keep_special");
        Tally noCleanup = new Tally("decode_labels_skip_special_no_cleanup");
        int train = 0;
        for (JsonObject e : entries()) {
            if (!e.has("target_text")) {
                continue;
            }
            train++;
            String n = name(e);
            Encoding enc = tokenizer.encodeTarget(e.get("target_text").getAsString());
            int[] expectedLabels = ints(e.getAsJsonArray("labels"));
            labels.check(n, boxed(expectedLabels), boxed(enc.ids()));
            List<String> withEos = new ArrayList<>(enc.pieces());
            withEos.add("</s>");
            targetPieces.check(n, strings(e.getAsJsonArray("target_pieces")), withEos);
            skip.check(n, e.get("decode_labels_skip_special").getAsString(), tokenizer.decode(expectedLabels));
            keep.check(n, e.get("decode_labels_keep_special").getAsString(),
                    tokenizer.decode(expectedLabels, false, true));
            noCleanup.check(n, e.get("decode_labels_skip_special_no_cleanup").getAsString(),
                    tokenizer.decode(expectedLabels, true, false));
        }
        assertEquals(84, train);
        for (Tally t : List.of(labels, targetPieces, skip, keep, noCleanup)) {
            t.report();
        }
    }

    @Test
    void decodeCasesMatchInAllVariants() {
        Tally tally = new Tally("decode_cases (tokens + 5 variants)");
        JsonArray cases = golden.getAsJsonArray("decode_cases");
        assertEquals(9, cases.size());
        for (JsonElement element : cases) {
            JsonObject c = element.getAsJsonObject();
            String n = c.get("name").getAsString();
            int[] ids = ints(c.getAsJsonArray("ids"));
            tally.check(n + "/tokens", strings(c.getAsJsonArray("tokens")), tokenizer.idsToPieces(ids));
            tally.check(n + "/skip_special", c.get("skip_special").getAsString(), tokenizer.decode(ids));
            tally.check(n + "/keep_special", c.get("keep_special").getAsString(), tokenizer.decode(ids, false, true));
            tally.check(n + "/skip_special_no_cleanup", c.get("skip_special_no_cleanup").getAsString(),
                    tokenizer.decode(ids, true, false));
            tally.check(n + "/keep_special_no_cleanup", c.get("keep_special_no_cleanup").getAsString(),
                    tokenizer.decode(ids, false, false));
            tally.check(n + "/batch_decode_skip_special", c.get("batch_decode_skip_special").getAsString(),
                    tokenizer.decode(ids, true, true));
        }
        tally.report();
    }

    @Test
    void specialIdsAndVocabSizeMatchTheGoldenMeta() {
        JsonObject meta = golden.getAsJsonObject("meta");
        assertEquals(meta.get("eos_token_id").getAsInt(), tokenizer.eosId());
        assertEquals(meta.get("unk_token_id").getAsInt(), tokenizer.unkId());
        assertEquals(meta.get("pad_token_id").getAsInt(), tokenizer.padId());
        assertEquals(meta.get("vocab_size").getAsInt(), tokenizer.vocabSize());
        assertEquals(meta.get("clean_up_tokenization_spaces_default").getAsBoolean(),
                tokenizer.cleanUpTokenizationSpaces());
    }
}
