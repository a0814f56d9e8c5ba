package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.tarjama.translation.FakeEngine;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/export} refuses inconsistent hand-edited documents with a 422 that names the JSON
 * path and the rule, never a stack trace; every export format goes through the same validation.
 * The base document is a real {@code /v1/translate} answer (fake engine) for a 2-paragraph article.
 */
class EditedDocumentValidationTest {
    /** Replaced by the JSON escape {@code \\ud800} in the request body (Java cannot send a lone surrogate as UTF-8). */
    static final String LONE_SURROGATE = "LONE-SURROGATE";
    private static TestServer server;
    private static JsonObject base;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(new FakeEngine());
        HttpResponse<String> r = server.postJson("/v1/translate", TranslateApiTest.body(TranslateApiTest.ARTICLE));
        assertEquals(200, r.statusCode(), r.body());
        base = TestServer.json(r);
        assertEquals(3, base.getAsJsonArray("paragraphs").size());
        assertEquals(2, paragraph(base, 0).getAsJsonArray("sentences").size());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonObject paragraph(JsonObject doc, int i) {
        return doc.getAsJsonArray("paragraphs").get(i).getAsJsonObject();
    }

    static JsonObject sentence(JsonObject doc, int p, int s) {
        return paragraph(doc, p).getAsJsonArray("sentences").get(s).getAsJsonObject();
    }

    /** The mutation of the base document and the 422 message it must produce. */
    static Map<String, Consumer<JsonObject>> cases() {
        Map<String, Consumer<JsonObject>> c = new LinkedHashMap<>();
        c.put("paragraphs[0].sentences[0].translation must be a string",
                d -> sentence(d, 0, 0).addProperty("translation", 5));
        c.put("paragraphs[1].sentences[0].translation is required", d -> sentence(d, 1, 0).remove("translation"));
        c.put("model is required", d -> d.remove("model"));
        c.put("model.revision must be a string", d -> d.getAsJsonObject("model").add("revision", new JsonArray()));
        c.put("paragraphs is required", d -> d.remove("paragraphs"));
        c.put("paragraphs must be an array", d -> d.addProperty("paragraphs", "all of them"));
        c.put("paragraphs[2] must be a JSON object", d -> d.getAsJsonArray("paragraphs").set(2, new JsonPrimitive(1)));
        c.put("paragraphs[0].sentences is required", d -> paragraph(d, 0).remove("sentences"));
        c.put("paragraphs[0].sentences[1].end (3) must not be less than paragraphs[0].sentences[1].start",
                d -> sentence(d, 0, 1).addProperty("end", 3));
        c.put("paragraphs[0].sentences[1].start must be an integer between 0 and", d -> sentence(d, 0, 1).addProperty("start", -1));
        c.put("paragraphs[0].index must be an integer between 0 and", d -> paragraph(d, 0).addProperty("index", 1.5));
        c.put("paragraphs[0].end must be an integer between 0 and", d -> paragraph(d, 0).addProperty("end", 1e30));
        c.put("paragraphs[1].sentences[0] [", d -> { // moved outside its paragraph, source kept consistent
            JsonObject s = sentence(d, 1, 0);
            JsonObject p = paragraph(d, 0);
            s.add("start", p.get("start"));
            s.add("end", p.get("end"));
            s.add("source", p.get("source"));
        });
        c.put("paragraphs[0].sentences[1].start (0) overlaps the previous sentence", d -> {
            JsonObject first = sentence(d, 0, 0);
            JsonObject second = sentence(d, 0, 1);
            second.add("start", first.get("start"));
            second.add("end", first.get("end"));
            second.add("source", first.get("source"));
        });
        c.put("paragraphs[0].sentences[0].source is 3 UTF-16 units long", d -> sentence(d, 0, 0).addProperty("source", "abc"));
        c.put("paragraphs[0].sentences[0].source is not the paragraph's text", d -> {
            String s = sentence(d, 0, 0).get("source").getAsString();
            sentence(d, 0, 0).addProperty("source", "x" + s.substring(1));
        });
        c.put("paragraphs[0].translation does not match its sentences' translations",
                d -> paragraph(d, 0).addProperty("translation", "A new lead."));
        c.put("paragraphs[1].index must be greater than the previous paragraph's (0), got 0",
                d -> paragraph(d, 1).addProperty("index", 0));
        c.put("paragraphs[0].sentences[1].index must be greater", d -> sentence(d, 0, 1).addProperty("index", 0));
        c.put("paragraphs[1].start", d -> { // paragraph 1 moved onto paragraph 0
            JsonObject p0 = paragraph(d, 0);
            JsonObject p1 = paragraph(d, 1);
            p1.add("start", p0.get("start"));
            p1.add("end", p0.get("end"));
            p1.add("source", p0.get("source"));
            p1.add("translation", p0.get("translation"));
            p1.add("sentences", p0.get("sentences").deepCopy());
        });
        c.put("paragraphs[0].sentences[0].score must be a number", d -> sentence(d, 0, 0).addProperty("score", "high"));
        c.put("paragraphs[0].sentences[0].cached must be true or false", d -> sentence(d, 0, 0).addProperty("cached", "yes"));
        c.put("paragraphs[2].sentences[0].split is required", d -> sentence(d, 2, 0).remove("split"));
        c.put("paragraphs[0].sentences[0].translation contains an unpaired surrogate",
                d -> sentence(d, 0, 0).addProperty("translation", "broken " + LONE_SURROGATE + " text"));
        c.put("paragraphs[0].sentences[1].alternatives[0].score must be a number", d -> sentence(d, 0, 1).add("alternatives",
                JsonParser.parseString("[{\"translation\": \"Another way.\", \"score\": \"good\"}]")));
        c.put("paragraphs[0].sentences[1].alternatives must be an array",
                d -> sentence(d, 0, 1).addProperty("alternatives", "none"));
        c.put("stats.elapsedMs must be an integer", d -> d.getAsJsonObject("stats").addProperty("elapsedMs", "slow"));
        c.put("paragraphs[0].translation is required when the paragraph has no sentences", d -> {
            paragraph(d, 0).add("sentences", new JsonArray());
            paragraph(d, 0).remove("translation");
        });
        return c;
    }

    @Test
    void eachInconsistencyIsA422NamingItsPath() throws Exception {
        for (Map.Entry<String, Consumer<JsonObject>> c : cases().entrySet()) {
            JsonObject doc = base.deepCopy();
            c.getValue().accept(doc);
            for (String format : new String[] {"json", "html", "docx"}) {
                String body = doc.toString().replace(LONE_SURROGATE, "\\ud800");
                HttpResponse<String> r = server.postJson("/v1/export?format=" + format, body);
                assertEquals(422, r.statusCode(), c.getKey() + " → " + r.body());
                JsonObject error = TestServer.json(r).getAsJsonObject("error");
                assertEquals("invalid_request", error.get("code").getAsString());
                assertTrue(error.get("message").getAsString().startsWith(c.getKey()),
                        "expected '" + c.getKey() + "…', got '" + error.get("message").getAsString() + "'");
                assertFalse(r.body().contains("Exception"), r.body());
            }
        }
    }

    @Test
    void aRootThatIsNotAnObjectIsRefused() throws Exception {
        for (String body : new String[] {"[]", "\"text\"", "null", "42"}) {
            HttpResponse<String> r = server.postJson("/v1/export?format=html", body);
            assertEquals(422, r.statusCode(), body);
            assertEquals("the request body must be a JSON object",
                    TestServer.json(r).getAsJsonObject("error").get("message").getAsString());
        }
    }

    @Test
    void unknownFieldsAreIgnoredAndAParagraphWithoutSentencesKeepsItsText() throws Exception {
        JsonObject doc = base.deepCopy();
        doc.addProperty("editor", "Layla");
        sentence(doc, 0, 0).addProperty("note", "checked");
        JsonElement alternatives = JsonParser.parseString(
                "[{\"translation\": \"The minister said the economy grows.\", \"score\": -0.5}]");
        sentence(doc, 0, 0).add("alternatives", alternatives);
        JsonObject p = paragraph(doc, 1);
        p.add("sentences", new JsonArray());
        p.addProperty("translation", "A headline, translated by hand.");
        HttpResponse<String> r = server.postJson("/v1/export?format=json", doc.toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject out = TestServer.json(r);
        assertFalse(out.has("editor"));
        assertFalse(sentence(out, 0, 0).has("note"));
        assertEquals(alternatives, sentence(out, 0, 0).get("alternatives"), "n-best alternatives are kept");
        assertFalse(sentence(out, 0, 1).has("alternatives"));
        assertEquals("A headline, translated by hand.", paragraph(out, 1).get("translation").getAsString());
        assertEquals(3, out.getAsJsonObject("stats").get("sentences").getAsInt());
        HttpResponse<String> tsv = server.postJson("/v1/export?format=tsv", doc.toString());
        assertEquals(200, tsv.statusCode(), tsv.body());
        assertTrue(tsv.body().contains("A headline, translated by hand."), tsv.body());
        JsonElement empty = JsonParser.parseString("{\"model\":{\"id\":\"m\",\"revision\":\"r\"},\"paragraphs\":[]}");
        HttpResponse<String> none = server.postJson("/v1/export?format=html", empty.toString());
        assertEquals(200, none.statusCode(), none.body());
    }
}
