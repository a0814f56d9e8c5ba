package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tarjama.glossary.GlossaryStore;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.testutil.Golden;
import dev.tarjama.translation.MarianEngine;
import dev.tarjama.translation.MarianTranslator;
import dev.tarjama.translation.ServiceConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Review flags, the number guard, glossaries (inline and stored) and consistency over HTTP with the tiny model. */
class ReviewAndGlossaryApiTest {
    private static final List<String> AR = Golden.lines("parallel/train.ar");
    private static final List<String> EN = Golden.lines("parallel/train.en");
    private static MarianTranslator translator;
    private static TestServer server;
    private static Path glossaryDir;

    @BeforeAll
    static void start() throws Exception {
        DjlRuntime.configure(1);
        translator = MarianTranslator.load(ModelDirectory.open(Golden.TINY_MODEL));
        glossaryDir = Files.createTempDirectory("glossaries");
        server = TestServer.start(new MarianEngine(translator), ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS, () -> true,
                new GlossaryStore(glossaryDir, GlossaryStore.Limits.defaults()));
    }

    @AfterAll
    static void stop() {
        server.close();
        translator.close();
    }

    private static JsonObject translate(Object body) throws Exception {
        HttpResponse<String> r = server.postJson("/v1/translate", new Gson().toJson(body));
        assertEquals(200, r.statusCode(), r.body());
        return TestServer.json(r);
    }

    private static List<JsonObject> sentences(JsonObject doc) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement p : doc.getAsJsonArray("paragraphs")) {
            for (JsonElement s : p.getAsJsonObject().getAsJsonArray("sentences")) {
                out.add(s.getAsJsonObject());
            }
        }
        return out;
    }

    private static List<String> reasonCodes(JsonObject sentence) {
        List<String> codes = new ArrayList<>();
        for (JsonElement r : sentence.getAsJsonObject("review").getAsJsonArray("reasons")) {
            codes.add(r.getAsJsonObject().get("code").getAsString());
        }
        return codes;
    }

    @Test
    void exampleArticleNeedsNoReview() throws Exception {
        JsonObject doc = translate(Map.of("text", Golden.resource("seed/000_3043c1e1a094a635.txt")));
        for (JsonObject s : sentences(doc)) {
            assertFalse(s.getAsJsonObject("review").get("needed").getAsBoolean(), s.toString());
        }
        assertEquals(0, doc.getAsJsonArray("consistency").size());
    }

    @Test
    void aChangedYearIsFlaggedAsNumberMismatchNotFixed() throws Exception {
        String changed = AR.get(24).replace("٢٠٢٤", "٢٠٢٥");
        JsonObject s = sentences(translate(Map.of("text", changed))).get(0);
        assertEquals(EN.get(24), s.get("translation").getAsString(), "the tiny model writes the year it memorized");
        assertTrue(s.getAsJsonObject("review").get("needed").getAsBoolean());
        assertTrue(reasonCodes(s).contains("number_mismatch"), s.toString());
        assertTrue(s.toString().contains("2025") || s.toString().contains("٢٠٢٥"), "the numbers involved are named");
    }

    @Test
    void nonsenseOutputIsFlaggedLowConfidence() throws Exception {
        JsonObject s = sentences(translate(Map.of("text", "الطقس جميل جدا في الربيع"))).get(0);
        assertTrue(reasonCodes(s).contains("low_confidence"), s.toString());
    }

    @Test
    void inlineGlossaryTermIsKeptOrReportedNeverSilentlyLost() throws Exception {
        JsonObject s = sentences(translate(Map.of("text", AR.get(25),
                "glossary", List.of(Map.of("ar", "لافروف", "en", "Lavrov"))))).get(0);
        boolean kept = s.get("translation").getAsString().contains("Lavrov");
        boolean reported = reasonCodes(s).contains("glossary_term_missing");
        assertTrue(kept != reported, "either the term came back or it is reported: " + s);
        assertFalse(s.get("translation").getAsString().contains("7001"), "no placeholder left in the output");
    }

    @Test
    void storedGlossaryRoundTripsAndIsUsedByName() throws Exception {
        HttpResponse<String> put = send("PUT", "/v1/glossaries/desk", "text/csv", "لافروف,Lavrov\nموسكو,Moscow\n");
        assertEquals(201, put.statusCode(), put.body());
        assertEquals(200, send("PUT", "/v1/glossaries/desk", "text/csv", "لافروف,Lavrov\nموسكو,Moscow\n").statusCode());
        assertTrue(Files.exists(glossaryDir.resolve("desk.tsv")), "persisted under the glossary directory");
        JsonObject got = TestServer.json(server.get("/v1/glossaries/desk"));
        assertEquals(2, got.getAsJsonArray("entries").size());
        assertTrue(TestServer.json(server.get("/v1/glossaries")).toString().contains("desk"));

        JsonObject s = sentences(translate(Map.of("text", AR.get(25), "glossary", "desk"))).get(0);
        assertTrue(s.get("translation").getAsString().contains("Lavrov") != reasonCodes(s).contains("glossary_term_missing"));

        assertEquals(204, send("DELETE", "/v1/glossaries/desk", null, null).statusCode());
        assertEquals(404, server.get("/v1/glossaries/desk").statusCode());
        HttpResponse<String> unknown = server.postJson("/v1/translate", "{\"text\": \"x\", \"glossary\": \"desk\"}");
        assertEquals(422, unknown.statusCode());
        assertTrue(unknown.body().contains("no stored glossary named 'desk'"), unknown.body());
    }

    @Test
    void badGlossariesAreRefusedNamingTheProblem() throws Exception {
        HttpResponse<String> badName = send("PUT", "/v1/glossaries/..%2Fetc", "text/csv", "a,b\n");
        assertNotEquals(201, badName.statusCode());
        assertNotEquals(200, badName.statusCode());
        HttpResponse<String> badCsv = send("PUT", "/v1/glossaries/ok", "text/csv", "لافروف,Lavrov\nonly-one-column\n");
        assertEquals(422, badCsv.statusCode());
        assertTrue(badCsv.body().contains("line 2"), badCsv.body());
        HttpResponse<String> badInline = server.postJson("/v1/translate", "{\"text\": \"x\", \"glossary\": [{\"ar\": 1}]}");
        assertEquals(422, badInline.statusCode());
        assertTrue(badInline.body().contains("glossary[0].ar must be a string"), badInline.body());
    }

    @Test
    void flaggedSentencesExportAsInitialInXliff() throws Exception {
        String changed = AR.get(24).replace("٢٠٢٤", "٢٠٢٥");
        HttpResponse<String> xliff = server.post("/v1/translate?format=xliff", "text/plain; charset=utf-8",
                changed + "\n" + AR.get(25));
        assertEquals(200, xliff.statusCode(), xliff.body());
        assertTrue(xliff.body().contains("state=\"initial\""), xliff.body());
        assertTrue(xliff.body().contains("state=\"translated\""), xliff.body());
        HttpResponse<String> html = server.post("/v1/translate?format=html", "text/plain; charset=utf-8", changed);
        assertTrue(html.body().contains("class=\"pair review\""), "HTML marks the flagged pair");
    }

    private static HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base + path));
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return server.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
