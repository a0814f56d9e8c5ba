package dev.tarjama.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The newsroom page: {@code GET /} (and {@code /index.html}), {@code /app.js} and {@code /app.css},
 * read once from the classpath folder {@code /web} (a missing file fails at start-up, not at the
 * first visit). Each answer carries its exact content type and security headers: a CSP that allows
 * only this origin (no inline script or style, no frames, no plugins), {@code nosniff} and
 * {@code Referrer-Policy: no-referrer}. {@code Cache-Control: no-cache} makes a redeployed page
 * take effect at once.
 */
final class StaticPage {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private record Asset(byte[] bytes, String contentType) {}

    private final Map<String, Asset> assets;

    StaticPage() {
        Asset index = new Asset(load("index.html"), "text/html; charset=utf-8");
        this.assets = Map.of(
                "/", index,
                "/index.html", index,
                "/app.js", new Asset(load("app.js"), "text/javascript; charset=utf-8"),
                "/app.css", new Asset(load("app.css"), "text/css; charset=utf-8"));
    }

    void register(RoutesConfig routes) {
        for (var entry : assets.entrySet()) {
            // bound per route: the request path may differ from the route (a trailing slash)
            routes.get(entry.getKey(), ctx -> serve(ctx, entry.getValue()));
        }
    }

    private void serve(Context ctx, Asset asset) {
        ctx.status(200);
        ctx.contentType(asset.contentType());
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-cache");
        ctx.result(asset.bytes());
    }

    private static byte[] load(String name) {
        String path = "/web/" + name;
        try (InputStream in = StaticPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + path + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + path, e);
        }
    }
}
