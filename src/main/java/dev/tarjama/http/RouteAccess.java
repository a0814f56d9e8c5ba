package dev.tarjama.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Which requests need an API key (when keys are on). Protection is decided on the route that
 * matched, never on the raw path: the router ignores a trailing slash, so {@code /translate/}
 * matches the route {@code /translate} and is protected like it. Everything is protected except the
 * routes listed in {@link #OPEN}; a request that reached no route of ours (a {@code HEAD} answered
 * from a {@code GET} route) is judged on its {@linkplain #normalize normalized} path, with the same
 * default.
 */
final class RouteAccess {
    /** Route templates answered without a key: health, the newsroom page and its assets. */
    static final Set<String> OPEN = Set.of("/v1/health/live", "/v1/health/ready", "/", "/index.html", "/app.js", "/app.css");

    private RouteAccess() {}

    /** True when the request may be served without a key. */
    static boolean isOpen(Context ctx) {
        Endpoint matched = matched(ctx);
        if (matched != null && !matched.path.isEmpty()) {
            return OPEN.contains(matched.path);
        }
        return OPEN.contains(normalize(ctx.path()));
    }

    /** The route template that matched ({@code /v1/glossaries/{name}}), or null before or without a match. */
    static String matchedPath(Context ctx) {
        Endpoint e = matched(ctx);
        return e == null || e.path.isEmpty() ? null : e.path;
    }

    private static Endpoint matched(Context ctx) {
        try {
            return ctx.endpoints().matchedHttpEndpoint();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The path with percent-escapes decoded (an invalid escape is kept as is), runs of {@code /}
     * collapsed and a trailing {@code /} dropped (except for the root).
     */
    static String normalize(String path) {
        String decoded = decode(path);
        String collapsed = decoded.replaceAll("/{2,}", "/");
        if (collapsed.length() > 1 && collapsed.endsWith("/")) {
            collapsed = collapsed.substring(0, collapsed.length() - 1);
        }
        return collapsed.isEmpty() ? "/" : collapsed;
    }

    private static String decode(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        byte[] out = new byte[path.length()];
        int n = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) >= 0 && hex(path.charAt(i + 2)) >= 0) {
                out[n++] = (byte) (hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                return path; // not a raw request path; judge it as it is
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
