package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.translation.FakeEngine;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests that Jetty refuses before any route runs still get the API's JSON error shape, never
 * Jetty's HTML page: sent over a raw socket, since a client library would not send them.
 */
class JettyErrorPagesTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeEngine());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp.Response send(String request) throws Exception {
        return RawHttp.exchange(server.app.port(), request);
    }

    /** Asserts {@code {"error": {"code", "message"}}} as JSON with the status; returns the code. */
    private static String assertJsonError(RawHttp.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.headers().toString());
        JsonObject body = JsonParser.parseString(r.body()).getAsJsonObject();
        assertEquals(List.of("error"), List.copyOf(body.keySet()), r.body());
        JsonObject error = body.getAsJsonObject("error");
        assertEquals(List.of("code", "message"), List.copyOf(error.keySet()), r.body());
        assertFalse(r.body().contains("<html") || r.body().contains("Exception"), r.body());
        return error.get("code").getAsString();
    }

    @Test
    void aNulInThePathIsAJson400() throws Exception {
        assertEquals("bad_request", assertJsonError(send("GET /v1/health/li\u0000ve HTTP/1.1\r\nHost: x\r\n\r\n"), 400));
        assertEquals("bad_request", assertJsonError(send("GET /v1/health/li%00ve HTTP/1.1\r\nHost: x\r\n\r\n"), 400));
    }

    @Test
    void aSeventyKilobyteHeaderIsAJson431() throws Exception {
        String r = "GET /v1/health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n";
        assertEquals("headers_too_large", assertJsonError(send(r), 431));
    }

    @Test
    void aTenKilobytePathIsAJson414() throws Exception {
        assertEquals("uri_too_long", assertJsonError(send("GET /v1/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414));
    }

    @Test
    void malformedRequestsAreJson400sWhateverTheMethodOrAccept() throws Exception {
        assertJsonError(send("GARBAGE\r\n\r\n"), 400);
        assertJsonError(send("POST /v1/translate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: bogus\r\n\r\n"), 400);
        assertJsonError(send("PUT /v1/glossaries/a%00b HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nContent-Length: 0\r\n\r\n"), 400);
        assertJsonError(send("GET /v1/health/live HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n"), 400);
    }

    @Test
    void oddPathsAnswerJsonWhateverLayerRefusesThem() throws Exception {
        for (String path : List.of("/v1/%2e%2e/model", "/v1/health/..%2flive", "/%2F%2Fmetrics", "/v1/health/live;x=1",
                "/v1/health/%C0%AE%C0%AE/live", "/v1/%uFF0E", "/v1/health/live%", "/v1/\\model", "/..", "/v1/health/./live")) {
            RawHttp.Response r = send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            if (r.status() != 200) {
                assertJsonError(r, r.status());
            }
        }
    }

    @Test
    void jettysReasonIsKeptOnlyWhenShortPlainText() {
        JsonObject error = JsonParser.parseString(JettySettings.JsonErrorPages.body(400, "Illegal character CNTL=0x0"))
                .getAsJsonObject().getAsJsonObject("error");
        assertEquals("bad_request", error.get("code").getAsString());
        assertEquals("the request was refused (400): Illegal character CNTL=0x0", error.get("message").getAsString());
        assertEquals("the request was refused (400)", JsonParser.parseString(JettySettings.JsonErrorPages.body(400,
                "x".repeat(200))).getAsJsonObject().getAsJsonObject("error").get("message").getAsString());
        assertFalse(JettySettings.JsonErrorPages.body(400, "<b>").contains("<"), "HTML-escaped");
    }
}
