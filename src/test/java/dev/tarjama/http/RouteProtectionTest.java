package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.glossary.GlossaryStore;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With API keys on, every route except the listed open ones needs a key, however its path is
 * spelled: trailing slash, doubled slashes, percent-encoded characters. The routes are read from the
 * running app, so a route added later is covered without editing this test.
 */
class RouteProtectionTest {
    static final String ALICE = "alice-0123456789abcdef";
    static final String BOB = "bob-fedcba9876543210xyz";
    private static final Set<HandlerType> METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.DELETE, HandlerType.PATCH);
    @TempDir
    static Path glossaryDir;
    private static FakeEngine engine;
    private static TestServer server;

    @BeforeAll
    static void start() {
        ApiKeys keys = ApiKeys.parse(List.of("alice:" + ALICE, "bob:" + BOB + ":20"), "test");
        engine = new FakeEngine();
        server = TestServer.start(engine, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS, OpsConfig.DEFAULTS.withApiKeys(keys),
                () -> true, new GlossaryStore(glossaryDir, GlossaryStore.Limits.defaults()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Method and route template of every HTTP route the app has (before/after filters excluded). */
    private static List<Endpoint> routes() {
        List<Endpoint> routes = new ArrayList<>();
        server.app.unsafe.internalRouter.allHttpHandlers().forEach(p -> {
            if (METHODS.contains(p.endpoint.method)) {
                routes.add(p.endpoint);
            }
        });
        return routes;
    }

    /** Spellings of a concrete path that a router or proxy might take for the same resource. */
    static List<String> variants(String path) {
        Set<String> v = new LinkedHashSet<>();
        v.add(path);
        v.add(path + "/");
        v.add(path + "//");
        v.add("/" + path);
        v.add(path.replaceFirst("/", "//").replaceFirst("^//", "/").replaceFirst("/([^/]+)$", "//$1"));
        int last = path.lastIndexOf('/');
        if (last + 1 < path.length()) {
            char c = path.charAt(last + 1);
            String encoded = String.format("%%%02X", (int) c);
            v.add(path.substring(0, last + 1) + encoded + path.substring(last + 2));
            v.add(path.substring(0, last + 1) + encoded.toLowerCase() + path.substring(last + 2) + "/");
        }
        v.add(path + "%2F");
        v.add(path.replace("/", "/./"));
        return List.copyOf(v);
    }

    private static RawHttp.Response call(String method, String path, String... headers) throws Exception {
        String body = method.equals("POST") || method.equals("PUT") ? "{\"text\":\"جملة.\",\"entries\":[]}" : "";
        StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            req.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
        }
        req.append("\r\n");
        byte[] head = req.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        return RawHttp.exchange(server.app.port(), all, 10_000);
    }

    private static String concrete(String template) {
        return template.replace("{name}", "desk");
    }

    @Test
    void theRouteTableHasTheProtectedRoutesThisTestIsAbout() {
        Set<String> seen = new LinkedHashSet<>();
        routes().forEach(e -> seen.add(e.method.name() + " " + e.path));
        for (String r : List.of("POST /v1/translate", "POST /translate", "GET /languages", "GET /metrics", "GET /v1/model",
                "POST /v1/export", "GET /v1/glossaries", "PUT /v1/glossaries/{name}", "GET /v1/health/live", "GET /")) {
            assertTrue(seen.contains(r), r + " not in " + seen);
        }
    }

    @Test
    void everyRouteButTheOpenOnesRefusesAMissingKeyHoweverThePathIsSpelled() throws Exception {
        int checked = 0;
        for (Endpoint e : routes()) {
            if (RouteAccess.OPEN.contains(e.path)) {
                continue;
            }
            for (String path : variants(concrete(e.path))) {
                RawHttp.Response r = call(e.method.name(), path);
                String what = e.method + " " + path + " -> " + r.status() + " " + r.body();
                assertTrue(r.status() == 401 || r.status() == 404 || r.status() == 400, what);
                assertErrorShape(r, what);
                checked++;
            }
        }
        assertTrue(checked > 50, checked + " requests");
        assertEquals(0, engine.batches().size(), "nothing was translated without a key");
    }

    @Test
    void headRequestsOnProtectedRoutesNeedAKeyToo() throws Exception {
        for (String path : List.of("/metrics", "/metrics/", "/languages/", "/v1/model/", "/v1/glossaries/")) {
            RawHttp.Response r = call("HEAD", path);
            assertTrue(r.status() == 401 || r.status() == 404, "HEAD " + path + " -> " + r.status());
        }
    }

    @Test
    void theOpenRoutesAnswerWithoutAKey() throws Exception {
        for (String path : RouteAccess.OPEN) {
            assertEquals(200, call("GET", path).status(), path);
            if (!path.equals("/")) {
                assertEquals(200, call("GET", path + "/").status(), path + "/");
            }
        }
    }

    @Test
    void aValidKeyOpensEverySpellingThatReachesARoute() throws Exception {
        for (String path : List.of("/metrics", "/metrics/", "/languages", "/languages/", "/v1/model/")) {
            assertEquals(200, call("GET", path, "X-API-Key", ALICE).status(), path);
        }
    }

    @Test
    void theQuotaIsChargedWhateverTheSpellingOfTheRoute() throws Exception {
        // bob may translate 20 characters a day; 12 + 12 goes over whichever way the path is written
        String q = "{\"q\":\"أبجد هوز حطي\",\"source\":\"ar\",\"target\":\"en\"}";
        String req = "POST /translate/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-API-Key: " + BOB
                + "\r\nContent-Type: application/json\r\nContent-Length: " + q.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + "\r\n\r\n";
        byte[] body = q.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] head = req.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        RawHttp.Response first = RawHttp.exchange(server.app.port(), all, 10_000);
        assertEquals(200, first.status(), first.body());
        RawHttp.Response second = RawHttp.exchange(server.app.port(), all, 10_000);
        assertEquals(429, second.status(), second.body());
        assertTrue(second.body().contains("quota"), second.body());
        var v1 = server.send("POST", "/v1/translate/", "application/json", "{\"text\":\"أبجد هوز حطي\"}", "X-API-Key", BOB);
        assertEquals(429, v1.statusCode(), v1.body());
    }

    @Test
    void aBearerTokenWinsAndAnotherAuthorizationSchemeFallsBackToXApiKey() throws Exception {
        String json = "{\"text\":\"جملة.\"}";
        assertEquals(200, server.send("POST", "/v1/translate", "application/json", json,
                "Authorization", "Basic cHJveHk6c2VjcmV0", "X-API-Key", ALICE).statusCode(), "a proxy's Basic plus a valid X-API-Key");
        assertEquals(200, server.send("POST", "/v1/translate", "application/json", json,
                "Authorization", "Digest username=\"proxy\"", "X-API-Key", ALICE).statusCode());
        assertEquals(401, server.send("POST", "/v1/translate", "application/json", json,
                "Authorization", "Basic cHJveHk6c2VjcmV0").statusCode(), "Basic alone is no key");
        assertEquals(401, server.send("POST", "/v1/translate", "application/json", json,
                "Authorization", "Bearer wrong-0123456789abcdef", "X-API-Key", ALICE).statusCode(), "a Bearer token wins, even a wrong one");
        assertEquals(200, server.send("POST", "/v1/translate", "application/json", json,
                "Authorization", "Bearer " + ALICE, "X-API-Key", "wrong-0123456789abcdef").statusCode());
        assertEquals(ALICE, Operations.presentedKey("Basic x", ALICE));
        assertEquals(ALICE, Operations.presentedKey("bearer  " + ALICE, null));
        assertNull(Operations.presentedKey("Basic x", null));
    }

    @Test
    void pathsAreNormalizedForTheFallbackDecision() {
        assertEquals("/metrics", RouteAccess.normalize("/metrics/"));
        assertEquals("/v1/model", RouteAccess.normalize("//v1//model/"));
        assertEquals("/metrics", RouteAccess.normalize("/%6detrics"));
        assertEquals("/v1/model", RouteAccess.normalize("/v1/model%2F"));
        assertEquals("/", RouteAccess.normalize("//"));
        assertEquals("/a%zz", RouteAccess.normalize("/a%zz"));
    }

    private static void assertErrorShape(RawHttp.Response r, String what) {
        JsonObject body = JsonParser.parseString(r.body()).getAsJsonObject();
        assertTrue(body.has("error"), what);
        assertTrue(r.header("Content-Type").startsWith("application/json"), what);
    }
}
