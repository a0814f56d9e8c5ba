package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.FakeEngine;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestIdAndHeadersTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeEngine());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String id(HttpResponse<String> r) {
        List<String> ids = r.headers().allValues("X-Request-Id");
        assertEquals(1, ids.size(), "exactly one X-Request-Id on " + r.uri() + " " + r.statusCode());
        return ids.get(0);
    }

    @Test
    void aValidClientRequestIdIsEchoedOnSuccessAndOnErrors() throws Exception {
        String given = "edge-7f3a.b_c:42/x+y=z@lb";
        assertEquals(given, id(server.send("POST", "/v1/translate", "application/json", "{\"text\":\"جملة.\"}", "X-Request-Id", given)));
        assertEquals(given, id(server.send("POST", "/v1/translate", "application/json", "{", "X-Request-Id", given)));
        assertEquals(given, id(server.send("POST", "/v1/translate", "application/xml", "<a/>", "X-Request-Id", given)));
        assertEquals(given, id(server.send("GET", "/no/such/route", null, null, "X-Request-Id", given)));
        assertEquals(given, id(server.send("GET", "/v1/health/live", null, null, "X-Request-Id", given)));
    }

    @Test
    void unsafeOrOverlongRequestIdsAreReplacedByGeneratedOnes() throws Exception {
        for (String bad : List.of("a".repeat(129), "has space", "quote\"d", "new\\line", "ünïcode", "semi;colon")) {
            String got = id(server.send("GET", "/v1/health/live", null, null, "X-Request-Id", bad));
            assertNotEquals(bad, got);
            assertTrue(got.matches("[0-9a-f-]{36}"), got);
        }
        assertEquals("a".repeat(128), id(server.send("GET", "/v1/health/live", null, null, "X-Request-Id", "a".repeat(128))));
    }

    @Test
    void generatedRequestIdsAreUnique() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(id(server.get("/v1/health/live")));
        }
        assertEquals(20, ids.size());
    }

    @Test
    void everyResponseCarriesNoSniffAndACspWithoutExternalSources() throws Exception {
        for (HttpResponse<String> r : List.of(server.get("/v1/health/live"), server.get("/nothing"),
                server.postJson("/v1/translate", "{\"text\": 1}"), server.get("/metrics"))) {
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
            assertFalse(csp.contains("http:") || csp.contains("https:") || csp.contains("*"), csp);
            assertFalse(csp.contains("script-src 'self' 'unsafe-inline'"), "no inline scripts");
        }
    }

    @Test
    void accessLogLineHasTheFieldsAndNoQueryOrBody() {
        String line = Operations.accessLine("rid-1", "POST", "/v1/translate", 200, 12, 345, 6_543_210L, "alice");
        assertEquals("id=rid-1 method=POST route=/v1/translate status=200 in=12 out=345 ms=6.5 key=alice", line);
        assertEquals("id=x method=GET route=unmatched status=404 in=0 out=10 ms=0.0",
                Operations.accessLine("x", "GET", null, 404, 0, 10, 1000L, null));
    }
}
