package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.FakeEngine;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The newsroom page over HTTP: the files from the jar, their content types and security headers. */
class StaticPageTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeEngine(), dev.tarjama.translation.ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS,
                () -> false); // the page is served while the model is still loading
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String resource(String name) throws Exception {
        try (InputStream in = StaticPageTest.class.getResourceAsStream("/web/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void servesThePageAndItsAssetsWithExactContentTypes() throws Exception {
        Map<String, String[]> routes = Map.of(
                "/", new String[] {"index.html", "text/html; charset=utf-8"},
                "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
                "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
                "/app.css", new String[] {"app.css", "text/css; charset=utf-8"});
        for (Map.Entry<String, String[]> e : routes.entrySet()) {
            HttpResponse<String> r = server.get(e.getKey());
            assertEquals(200, r.statusCode(), e.getKey());
            assertEquals(ExportApiTest.normalized(e.getValue()[1]),
                    ExportApiTest.normalized(r.headers().firstValue("Content-Type").orElseThrow()), e.getKey());
            assertEquals(resource(e.getValue()[0]), r.body(), e.getKey());
        }
    }

    @Test
    void everyPageResponseCarriesSecurityHeaders() throws Exception {
        for (String path : new String[] {"/", "/app.js", "/app.css"}) {
            HttpResponse<String> r = server.get(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.startsWith("default-src 'self'"), csp);
            assertTrue(csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'none'"), csp);
            assertFalse(csp.contains("http") || csp.contains("unsafe") || csp.contains("*"), "CSP allows more than this origin: " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElseThrow());
        }
    }

    @Test
    void thePageNeedsNothingTheCspForbids() throws Exception {
        Document page = Jsoup.parse(server.get("/").body());
        assertTrue(page.select("style, [style]").isEmpty(), "inline style would be blocked by the CSP");
        for (Element script : page.select("script")) {
            assertTrue(script.hasAttr("src") && script.data().isBlank(), "inline script would be blocked: " + script);
        }
        for (Element e : page.getAllElements()) {
            e.attributes().forEach(a -> assertFalse(a.getKey().startsWith("on"), "inline handler " + a.getKey()));
        }
        String css = server.get("/app.css").body();
        assertFalse(css.contains("url(") || css.contains("@import"));
    }

    @Test
    void otherPathsAreJson404s() throws Exception {
        for (String path : new String[] {"/web/index.html", "/app.jsx", "/favicon.ico"}) {
            HttpResponse<String> r = server.get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("not_found", TestServer.json(r).getAsJsonObject("error").get("code").getAsString());
        }
    }
}
