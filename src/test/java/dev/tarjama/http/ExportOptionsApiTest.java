package dev.tarjama.http;

import static dev.tarjama.http.ErrorResponsesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.FakeEngine;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code formulas} and {@code bom} on CSV/TSV exports over HTTP. */
class ExportOptionsApiTest {
    private static final FakeEngine engine = new FakeEngine();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(engine);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> csv(String query) throws Exception {
        return server.post("/v1/translate?format=csv" + query, "text/plain; charset=utf-8", "=1+1 قال.");
    }

    @Test
    void csvHasABomAndEscapedFormulasByDefaultAndBothCanBeTurnedOff() throws Exception {
        HttpResponse<String> plain = csv("");
        assertEquals(200, plain.statusCode(), plain.body());
        assertTrue(plain.body().startsWith("\uFEFFparagraph,"), plain.body());
        assertTrue(plain.body().contains(",'=1+1 قال.,"), plain.body());

        HttpResponse<String> raw = csv("&formulas=keep&bom=false");
        assertEquals(200, raw.statusCode(), raw.body());
        assertTrue(raw.body().startsWith("paragraph,"), raw.body());
        assertTrue(raw.body().contains(",=1+1 قال.,"), raw.body());

        HttpResponse<String> tsv = server.post("/v1/translate?format=tsv", "text/plain; charset=utf-8", "=1+1 قال.");
        assertTrue(tsv.body().startsWith("paragraph\t") && tsv.body().contains("\t'=1+1 قال.\t"), tsv.body());
    }

    @Test
    void aBadOptionValueIs422NamingTheParameterBeforeTranslating() throws Exception {
        assertTrue(assertError(csv("&formulas=off"), 422, "invalid_request").contains("formulas must be escape or keep"));
        assertTrue(assertError(csv("&bom=1"), 422, "invalid_request").contains("bom must be true or false"));
    }
}
