package dev.tarjama.http;

import static dev.tarjama.http.ErrorResponsesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorsTest {
    private static final String ALLOWED = "https://desk.newsroom.example";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeEngine(), ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS,
                OpsConfig.DEFAULTS.withCorsOrigins(List.of(ALLOWED, "http://localhost:3000")), () -> true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aConfiguredOriginIsAllowedByNameNeverByWildcardAndWithoutCredentials() throws Exception {
        HttpResponse<String> r = server.send("POST", "/v1/translate", "application/json", "{\"text\":\"جملة.\"}", "Origin", ALLOWED);
        assertEquals(200, r.statusCode());
        assertEquals(ALLOWED, r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(r.headers().firstValue("Access-Control-Expose-Headers").orElseThrow().contains("X-Request-Id"));
        assertTrue(r.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin")));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
    }

    @Test
    void otherOriginsGetNoCorsHeaders() throws Exception {
        HttpResponse<String> r = server.send("POST", "/v1/translate", "application/json", "{\"text\":\"جملة.\"}",
                "Origin", "https://evil.example");
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void preflightIsAnsweredForAllowedOriginsOnlyAndBeforeAuthentication() throws Exception {
        HttpResponse<String> ok = server.send("OPTIONS", "/v1/translate", null, null, "Origin", ALLOWED,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type");
        assertEquals(204, ok.statusCode());
        assertEquals(ALLOWED, ok.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(ok.headers().firstValue("Access-Control-Allow-Methods").orElseThrow().contains("POST"));
        assertTrue(ok.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().contains("Authorization"));
        assertError(server.send("OPTIONS", "/v1/translate", null, null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST"), 403, "cors_refused");
    }

    @Test
    void preflightAllowsExactlyTheMethodsTheDocsListAndEveryMethodARouteUses() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Access-Control-Allow-Methods: ([A-Z, ]+)`")
                .matcher(java.nio.file.Files.readString(java.nio.file.Path.of("docs/operations.md")));
        assertTrue(m.find(), "docs/operations.md names the preflight's Access-Control-Allow-Methods");
        List<String> documented = List.of(m.group(1).split(",\\s*"));
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) { // PUT/DELETE: /v1/glossaries/{name}
            HttpResponse<String> r = server.send("OPTIONS", "/v1/glossaries/desk", null, null, "Origin", ALLOWED,
                    "Access-Control-Request-Method", method);
            assertEquals(204, r.statusCode(), method);
            List<String> allowed = List.of(r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow().split(",\\s*"));
            assertEquals(documented, allowed, "preflight and docs agree");
            assertTrue(allowed.contains(method), method + " is used by a route and must pass a preflight");
        }
    }

    @Test
    void wildcardAndMalformedOriginsAreRefusedInConfiguration() {
        for (String bad : List.of("*", "https://x.example/path", "ftp://x.example", "HTTPS://X.EXAMPLE", "x.example", "https://u@x.example")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OpsConfig.DEFAULTS.withCorsOrigins(List.of(bad)), bad);
            assertTrue(e.getMessage().contains("CORS origin"), e.getMessage());
        }
        assertFalse(OpsConfig.DEFAULTS.withCorsOrigins(List.of("http://127.0.0.1:8080")).corsOrigins().isEmpty());
    }
}
