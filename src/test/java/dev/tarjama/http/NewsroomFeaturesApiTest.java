package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.testutil.Golden;
import dev.tarjama.translation.MarianEngine;
import dev.tarjama.translation.MarianTranslator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alternatives, streaming and story updates over HTTP with the tiny model. */
class NewsroomFeaturesApiTest {
    private static MarianTranslator translator;
    private static TestServer server;
    private static final List<String> AR = Golden.lines("parallel/train.ar");
    private static final List<String> EN = Golden.lines("parallel/train.en");

    @BeforeAll
    static void start() {
        DjlRuntime.configure(1);
        translator = MarianTranslator.load(ModelDirectory.open(Golden.TINY_MODEL));
        server = TestServer.start(new MarianEngine(translator));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        translator.close();
    }

    private static JsonObject translate(Map<String, Object> body) throws Exception {
        HttpResponse<String> r = server.postJson("/v1/translate", new Gson().toJson(body));
        assertEquals(200, r.statusCode(), r.body());
        return TestServer.json(r);
    }

    private static JsonObject firstSentence(JsonObject doc) {
        return doc.getAsJsonArray("paragraphs").get(0).getAsJsonObject()
                .getAsJsonArray("sentences").get(0).getAsJsonObject();
    }

    @Test
    void alternativesListTheBestHypothesesWithScoresBestFirst() throws Exception {
        JsonObject s = firstSentence(translate(Map.of("text", AR.get(40), "beams", 4, "alternatives", 3)));
        JsonArray alts = s.getAsJsonArray("alternatives");
        assertEquals(3, alts.size());
        assertEquals(EN.get(40), alts.get(0).getAsJsonObject().get("translation").getAsString());
        assertEquals(s.get("translation").getAsString(), alts.get(0).getAsJsonObject().get("translation").getAsString());
        double previous = 0;
        for (int i = 0; i < alts.size(); i++) {
            double score = alts.get(i).getAsJsonObject().get("score").getAsDouble();
            assertTrue(i == 0 || score <= previous, "alternatives are best first");
            previous = score;
        }
        assertFalse(firstSentence(translate(Map.of("text", AR.get(40)))).has("alternatives"),
                "no alternatives unless asked for");
    }

    @Test
    void moreAlternativesThanBeamsIsRefusedNamingTheField() throws Exception {
        HttpResponse<String> r = server.postJson("/v1/translate", "{\"text\": \"x\", \"beams\": 2, \"alternatives\": 3}");
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("alternatives must be between 1 and beams (2)"), r.body());
    }

    @Test
    void ndjsonStreamsEveryParagraphInOrderThenASummary() throws Exception {
        String article = String.join("\n\n", AR.subList(24, 30));
        List<JsonObject> lines = stream("application/x-ndjson", article).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertEquals(7, lines.size());
        for (int i = 0; i < 6; i++) {
            JsonObject line = lines.get(i);
            assertEquals("paragraph", line.get("type").getAsString());
            assertEquals(i, line.getAsJsonObject("paragraph").get("index").getAsInt());
            assertEquals(EN.get(24 + i), line.getAsJsonObject("paragraph").get("translation").getAsString());
            assertEquals(i + 1, line.getAsJsonObject("progress").get("done").getAsInt());
            assertEquals(6, line.getAsJsonObject("progress").get("total").getAsInt());
        }
        JsonObject summary = lines.get(6);
        assertEquals("summary", summary.get("type").getAsString());
        assertEquals(6, summary.getAsJsonObject("stats").get("sentences").getAsInt());
        assertEquals("tiny-ar-en", summary.getAsJsonObject("model").get("id").getAsString());
    }

    @Test
    void serverSentEventsCarryTheSameLines() throws Exception {
        String article = AR.get(50) + "\n" + AR.get(51);
        List<String> lines = stream("text/event-stream", article);
        List<String> events = new ArrayList<>();
        List<JsonObject> data = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("event: ")) {
                events.add(l.substring(7));
            } else if (l.startsWith("data: ")) {
                data.add(JsonParser.parseString(l.substring(6)).getAsJsonObject());
            }
        }
        assertEquals(List.of("paragraph", "paragraph", "summary"), events);
        assertEquals(EN.get(51), data.get(1).getAsJsonObject("paragraph").get("translation").getAsString());
    }

    @Test
    void aNewRevisionListsOnlyTheParagraphsThatChangedAndThoseRemoved() throws Exception {
        String v1 = AR.get(60) + "\n" + AR.get(61) + "\n" + AR.get(62);
        String v2 = AR.get(60) + "\n" + AR.get(63) + "\n" + AR.get(62) + "\n" + AR.get(64);
        Map<String, Object> first = new LinkedHashMap<>(Map.of("text", v1, "articleId", "story-42", "revision", "1"));
        JsonObject u1 = translate(first).getAsJsonObject("update");
        assertNull(u1.get("previousRevision"));
        assertEquals(List.of(0, 1, 2), ints(u1.getAsJsonArray("changedParagraphs")), "the first revision: all new");
        assertEquals(List.of(), ints(u1.getAsJsonArray("removedParagraphs")));

        JsonObject doc2 = translate(Map.of("text", v2, "articleId", "story-42", "revision", 2));
        JsonObject u2 = doc2.getAsJsonObject("update");
        assertEquals("1", u2.get("previousRevision").getAsString());
        assertEquals(List.of(1, 3), ints(u2.getAsJsonArray("changedParagraphs")));
        assertEquals(List.of(1), ints(u2.getAsJsonArray("removedParagraphs")),
                "the removed paragraphs are listed by their index in the previous revision");
        JsonArray paragraphs = doc2.getAsJsonArray("paragraphs");
        assertTrue(paragraphs.get(0).getAsJsonObject().getAsJsonArray("sentences").get(0).getAsJsonObject()
                .get("cached").getAsBoolean(), "unchanged sentences come from the cache");
        assertEquals(EN.get(63), paragraphs.get(1).getAsJsonObject().get("translation").getAsString());

        JsonObject again = translate(Map.of("text", v2, "articleId", "story-42", "revision", "2")).getAsJsonObject("update");
        assertEquals(List.of(1, 3), ints(again.getAsJsonArray("changedParagraphs")), "a repeated revision is idempotent");
    }

    @Test
    void revisionWithoutArticleIdIsRefused() throws Exception {
        HttpResponse<String> r = server.postJson("/v1/translate", "{\"text\": \"x\", \"revision\": \"1\"}");
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("articleId is required with revision"), r.body());
    }

    private static List<Integer> ints(JsonArray a) {
        List<Integer> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(e.getAsInt());
        }
        return out;
    }

    private static List<String> stream(String accept, String article) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base + "/v1/translate"))
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(new Gson().toJson(Map.of("text", article)))).build();
        HttpResponse<java.util.stream.Stream<String>> r = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(accept));
        return r.body().filter(l -> !l.isEmpty()).toList();
    }
}
