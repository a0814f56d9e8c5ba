package dev.tarjama.http;

import static dev.tarjama.http.ErrorResponsesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.glossary.GlossaryStore;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests that could be read two ways are refused in the one error shape, never answered with a 500. */
class AmbiguousRequestsTest {
    private final FakeEngine engine = new FakeEngine();
    private TestServer server;

    @TempDir
    Path glossaryDir;

    @AfterEach
    void stop() {
        engine.release();
        if (server != null) {
            server.close();
        }
    }

    private TestServer server() {
        if (server == null) {
            server = TestServer.start(engine, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS, () -> true,
                    new GlossaryStore(glossaryDir, GlossaryStore.Limits.defaults()));
        }
        return server;
    }

    @Test
    void aKeyGivenTwiceInOneObjectIs400InvalidJsonOnEveryJsonEndpoint() throws Exception {
        String message = assertError(server().postJson("/v1/translate", "{\"text\":\"a\",\"text\":\"b\"}"), 400, "invalid_json");
        assertTrue(message.contains("duplicate key 'text'"), message);
        assertError(server().postJson("/v1/translate", "{\"text\":\"a\",\"options\":{\"beams\":1,\"beams\":4}}"),
                400, "invalid_json");
        assertError(server().postJson("/v1/translate", "{\"glossary\":[{\"ar\":\"x\",\"en\":\"y\",\"en\":\"z\"}],\"text\":\"a\"}"),
                400, "invalid_json");
        var libre = server().postJson("/translate", "{\"q\":\"a\",\"q\":\"b\",\"source\":\"ar\",\"target\":\"en\"}");
        assertEquals(400, libre.statusCode(), libre.body()); // LibreTranslate's own error shape there
        assertTrue(TestServer.json(libre).get("error").getAsString().contains("duplicate key 'q'"), libre.body());
        assertError(server().send("PUT", "/v1/glossaries/desk", "application/json",
                "{\"entries\":[],\"entries\":[{\"ar\":\"x\",\"en\":\"y\"}]}"), 400, "invalid_json");
        assertError(server().postJson("/v1/export", "{\"paragraphs\":[],\"paragraphs\":[]}"), 400, "invalid_json");
        // the same names in different objects, and equal values under different names, are fine
        assertEquals(200, server().postJson("/v1/translate",
                "{\"text\":\"a\",\"glossary\":[{\"ar\":\"x\",\"en\":\"y\"},{\"ar\":\"p\",\"en\":\"q\"}]}").statusCode());
    }

    @Test
    void anInvalidStoredGlossaryNameIs422AsOnPutWithoutAStackTrace() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String put;
        String translate;
        try {
            put = assertError(server().send("PUT", "/v1/glossaries/a%20b", "application/json", "{\"entries\":[]}"),
                    422, "invalid_request");
            for (String name : new String[] {"a b", "", "../etc", "x".repeat(65), "ملف"}) {
                translate = assertError(server().postJson("/v1/translate",
                        "{\"text\":\"x\",\"glossary\":\"" + name + "\"}"), 422, "invalid_request");
                assertTrue(translate.startsWith("glossary: ") && translate.contains("A-Z a-z 0-9 _ -"), translate);
            }
        } finally {
            System.setErr(err);
        }
        assertTrue(put.contains("A-Z a-z 0-9 _ -"), put);
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(!log.contains("Exception") && !log.contains("\tat "), log);
    }
}
