package dev.tarjama.http;

import static dev.tarjama.http.ErrorResponsesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.testutil.Golden;
import dev.tarjama.translation.MarianEngine;
import dev.tarjama.translation.MarianTranslator;
import dev.tarjama.translation.ServiceConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and odd input against the real engine on the tiny model: a clear 4xx or a complete
 * translation, never a 5xx or a hang. Times of the large cases are printed.
 */
class HostileInputTest {
    private static MarianTranslator translator;
    private static TestServer server;

    @BeforeAll
    static void start() {
        DjlRuntime.configure(1);
        translator = MarianTranslator.load(ModelDirectory.open(Golden.TINY_MODEL));
        server = TestServer.start(new MarianEngine(translator), ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS, () -> true);
    }

    @AfterAll
    static void stop() {
        server.close();
        translator.close();
    }

    private static HttpResponse<String> plain(String text, String query) throws Exception {
        return server.post("/v1/translate" + query, "text/plain; charset=utf-8", text);
    }

    private static JsonArray paragraphs(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return TestServer.json(r).getAsJsonArray("paragraphs");
    }

    @Test
    void invalidJsonAndUtf8AreClear400s() throws Exception {
        assertError(server.postJson("/v1/translate", "{\"text\": \"غير مغلق"), 400, "invalid_json");
        assertError(server.postJson("/v1/translate", "{\"text\": \"a\",}"), 400, "invalid_json");
        assertError(server.post("/v1/translate", "application/json", new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, '"', '}'}),
                400, "invalid_utf8");
        assertError(server.post("/v1/translate", "text/plain; charset=utf-8", new byte[] {(byte) 0xD9, (byte) 0xFF, (byte) 0xFE}),
                400, "invalid_utf8");
        assertError(server.post("/v1/translate", "text/plain; charset=utf-8", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                400, "invalid_utf8"); // an encoded surrogate
    }

    @Test
    void deeplyNestedAndHugeJsonIsRefusedWithoutCrashing() throws Exception {
        assertError(server.postJson("/v1/translate", "[".repeat(200_000)), 400, "invalid_json");
        assertError(server.postJson("/v1/translate", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)), 400, "invalid_json");
        assertError(server.postJson("/v1/translate", "{\"text\": \"x\", \"extra\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}"),
                400, "invalid_json");
        assertError(server.postJson("/v1/translate", "{\"text\": \"" + "ب".repeat(600_000) + "\"}"), 413, "payload_too_large");
        HttpResponse<String> libre = server.post("/translate", "application/json", "{\"q\": " + "[".repeat(100_000) + "}");
        assertEquals(400, libre.statusCode(), libre.body());
        assertTrue(TestServer.json(libre).get("error").getAsString().contains("not valid JSON"), libre.body());
        assertEquals(200, server.get("/v1/health/ready").statusCode(), "the service is still ready");
    }

    @Test
    void aHundredThousandCharacterParagraphComesBackSplitIntoSentencesAndComplete() throws Exception {
        List<String> ar = Golden.lines("parallel/train.ar");
        List<String> en = Golden.lines("parallel/train.en");
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < ar.size() && chosen.size() < 8; i++) {
            if (ar.get(i).endsWith(".") && !ar.get(i).substring(0, ar.get(i).length() - 1).contains(".")) {
                chosen.add(i);
            }
        }
        StringBuilder text = new StringBuilder();
        List<Integer> order = new ArrayList<>();
        while (text.length() < 100_000) {
            int i = chosen.get(order.size() % chosen.size());
            text.append(text.length() == 0 ? "" : " ").append(ar.get(i));
            order.add(i);
        }
        long started = System.nanoTime();
        JsonArray ps = paragraphs(plain(text.toString(), ""));
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("100k-character paragraph (%d chars, %d sentences, tiny model): %d ms%n", text.length(), order.size(), ms);
        assertEquals(1, ps.size());
        JsonArray sentences = ps.get(0).getAsJsonObject().getAsJsonArray("sentences");
        assertEquals(order.size(), sentences.size());
        for (int s = 0; s < order.size(); s++) {
            assertEquals(en.get(order.get(s)), sentences.get(s).getAsJsonObject().get("translation").getAsString());
        }
        assertTrue(ms < 60_000, ms + " ms");
    }

    @Test
    void anOverlongUnpunctuatedSentenceIsSplitByTheTokenBudgetAndTranslatedCompletely() throws Exception {
        Set<String> words = new LinkedHashSet<>();
        for (String line : Golden.lines("parallel/train.ar")) {
            for (String w : line.split("\\s+")) {
                words.add(w.replaceAll("[\\p{P}«»]", ""));
            }
        }
        words.remove("");
        List<String> list = new ArrayList<>(words);
        StringBuilder sentence = new StringBuilder();
        for (int i = 0; sentence.length() < 12_000; i++) {
            sentence.append(list.get(i % list.size())).append(' ');
        }
        long started = System.nanoTime();
        JsonArray ps = paragraphs(plain(sentence.toString().strip(), "?beams=1&maxLength=64"));
        long ms = (System.nanoTime() - started) / 1_000_000;
        JsonObject only = ps.get(0).getAsJsonObject().getAsJsonArray("sentences").get(0).getAsJsonObject();
        System.out.printf("12k-character unpunctuated sentence: %d ms%n", ms);
        assertTrue(only.get("split").getAsBoolean());
        assertFalse(only.get("translation").getAsString().isBlank());
        assertEquals(sentence.toString().strip(), only.get("source").getAsString(), "complete, not truncated");
    }

    @Test
    void tenThousandOneWordParagraphsAreEachTranslated() throws Exception {
        List<String> words = new ArrayList<>(new LinkedHashSet<>(List.of(
                Golden.lines("parallel/train.ar").get(2).replaceAll("[\\p{P}«»]", "").split("\\s+"))));
        JsonArray reference = paragraphs(plain(String.join("\n\n", words), "?beams=1"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            text.append(i == 0 ? "" : "\n\n").append(words.get(i % words.size()));
        }
        long started = System.nanoTime();
        JsonArray ps = paragraphs(plain(text.toString(), "?beams=1"));
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("10,000 one-word paragraphs (%d distinct words): %d ms%n", words.size(), ms);
        assertEquals(10_000, ps.size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(reference.get(i % words.size()).getAsJsonObject().get("translation").getAsString(),
                    ps.get(i).getAsJsonObject().get("translation").getAsString());
        }
        assertTrue(ms < 60_000, ms + " ms");
    }

    @Test
    void controlCharactersBidiOverridesMixedScriptsAndNonArabicTextAreHandled() throws Exception {
        List<String> odd = List.of(
                "مرحبا\u0000 بالعالم\u0001\u0007\u001f.",
                "\u202Eمرحبا بالعالم\u202C.",
                "\u2067\u200Fالرئيس\u2069 \u200E\u202Dقال\u202C.",
                "الرئيس Biden قال 123 في 北京 و Москва 😀.",
                "The quick brown fox jumps over the lazy dog.",
                "Привет, мир. Как дела?",
                "😀😀😀 🏳️‍🌈",
                "\u200B\u200C\u200D\uFEFF",
                "\t\u000B\f\r\n\u0085\u2028\u2029",
                "a\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
                "ـــــــــــــــ",
                "١٢٣٤٥٦٧٨٩٠ ٪ ؟ ؛ ،");
        for (String text : odd) {
            for (HttpResponse<String> r : List.of(plain(text, "?beams=1&maxLength=64"),
                    server.postJson("/v1/translate?beams=1", json(text)))) {
                assertTrue(r.statusCode() < 500, r.statusCode() + " for " + escape(text) + ": " + r.body());
                if (r.statusCode() == 200) {
                    JsonObject doc = TestServer.json(r);
                    for (var p : doc.getAsJsonArray("paragraphs")) {
                        JsonObject po = p.getAsJsonObject();
                        assertEquals(po.get("source").getAsString(),
                                text.substring(po.get("start").getAsInt(), po.get("end").getAsInt()), "offsets slice the input");
                    }
                }
            }
        }
        assertEquals(200, server.get("/v1/health/ready").statusCode());
    }

    private static String json(String text) {
        StringBuilder sb = new StringBuilder("{\"text\": \"");
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append("\"}").toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> sb.append(cp < 0x20 || cp > 0x7e ? String.format("\\u%04x", cp) : String.valueOf((char) cp)));
        return sb.toString();
    }
}
