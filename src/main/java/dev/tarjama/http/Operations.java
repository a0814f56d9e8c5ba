package dev.tarjama.http;

import dev.tarjama.http.metrics.PrometheusText;
import dev.tarjama.http.metrics.ServiceMetrics;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cross-cutting request handling, installed into the Javalin config by {@link HttpApi}: request
 * ids, security headers, CORS, API keys and quotas, the per-request deadline, in-flight tracking
 * for graceful shutdown, {@code GET /metrics} and the one-line access log.
 */
final class Operations {
    /** Logger of the access log (one logfmt line per request, INFO). */
    static final String ACCESS_LOGGER = "tarjama.access";
    static final String REQUEST_ID = "X-Request-Id";
    /** The page's policy (only this origin, no inline script or style) on every answer; exports set their own. */
    static final String CSP = StaticPage.CSP;

    /** How long stopping HTTP waits for responses still being written, after the drain. */
    static final long STOP_GRACE_MILLIS = 5_000;
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:/+=@-]{1,128}");
    private static final Set<String> URL_CREDENTIALS =
            Set.of("api_key", "apikey", "api-key", "key", "access_token", "token");
    private static final String STARTED = "tarjama.started";
    private static final String ID = "tarjama.requestId";
    private static final String KEY = "tarjama.key";
    static final String BYTES_IN = "tarjama.bytesIn";
    private static final String BYTES_OUT = "tarjama.bytesOut";

    private final OpsConfig config;
    private final ServiceMetrics metrics;
    private final ErrorMapper errors;
    private final QuotaLedger quotas;
    private final Object idle = new Object();
    private int inFlight;

    Operations(OpsConfig config, ServiceMetrics metrics, ErrorMapper errors, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.errors = errors;
        this.quotas = new QuotaLedger(clock);
    }

    /** Registers the hooks and routes; call inside {@code Javalin.create}. */
    void install(JavalinConfig c) {
        // stop() then closes connections gracefully: responses already being written are flushed first
        c.jetty.modifyServer(server -> server.setStopTimeout(STOP_GRACE_MILLIS));
        c.routes.before(this::before);
        c.routes.beforeMatched(this::guard);
        c.routes.options("/*", this::preflight);
        c.routes.get("/metrics", this::metrics);
        c.routes.after(this::after);
        c.requestLogger.http(this::done);
    }

    private void before(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        enter();
        metrics.requestStarted();
        String id = requestId(ctx.header(REQUEST_ID));
        ctx.attribute(ID, id);
        ctx.header(REQUEST_ID, id);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", CSP);
        String origin = ctx.header("Origin");
        if (origin != null && config.corsOrigins().contains(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Expose-Headers", "X-Request-Id, Retry-After, WWW-Authenticate");
        }
    }

    /** Runs once a route matched (so refusals are counted under their route): credentials checks. */
    private void guard(Context ctx) {
        if (ctx.method().name().equals("OPTIONS")) {
            return;
        }
        for (String name : ctx.queryParamMap().keySet()) {
            if (URL_CREDENTIALS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new ApiException(400, "credentials_in_url", "API keys are not accepted in the URL (query parameter '"
                        + name + "'); send 'Authorization: Bearer KEY' or 'X-API-Key: KEY', and replace the exposed key");
            }
        }
        if (config.apiKeys().enabled() && isProtected(ctx.path())) {
            authenticate(ctx);
        }
    }

    /** Open without a key: health, the page and its assets; everything under /v1/, /translate, /detect and /metrics needs one. */
    static boolean isProtected(String path) {
        if (path.startsWith("/v1/health/")) {
            return false;
        }
        return path.startsWith("/v1/") || path.equals("/translate") || path.equals("/detect") || path.equals("/languages") || path.equals("/metrics");
    }

    private void authenticate(Context ctx) {
        String presented = null;
        String auth = ctx.header("Authorization");
        if (auth != null) {
            String[] parts = auth.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
                presented = parts[1].strip();
            }
        } else {
            presented = ctx.header("X-API-Key");
        }
        Optional<ApiKeys.Key> key = config.apiKeys().authenticate(presented == null ? null : presented.strip());
        if (key.isEmpty()) {
            metrics.authFailed();
            ctx.header("WWW-Authenticate", "Bearer realm=\"tarjama\"");
            throw new ApiException(401, "unauthorized", presented == null
                    ? "an API key is required: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'"
                    : "the API key is not valid");
        }
        ctx.attribute(KEY, key.get());
    }

    /**
     * Charges the characters of a request's texts to the caller's key (no-op without keys).
     *
     * @throws ApiException 429 {@code quota_exceeded}
     */
    void charge(Context ctx, List<String> texts) {
        ApiKeys.Key key = ctx.attribute(KEY);
        if (key == null) {
            return;
        }
        long chars = texts.stream().mapToLong(t -> t.codePointCount(0, t.length())).sum();
        try {
            quotas.charge(key, chars);
        } catch (ApiException e) {
            metrics.quotaRefused();
            ctx.header("Retry-After", Long.toString(quotas.secondsToReset()));
            throw e;
        }
    }

    /** Whether keys are on (then a LibreTranslate {@code api_key} in a body is refused). */
    boolean keysEnabled() {
        return config.apiKeys().enabled();
    }

    /** Time this request has left before its deadline (at least 1 ms; the service then times out). */
    Duration remaining(Context ctx) {
        Long started = ctx.attribute(STARTED);
        long elapsed = started == null ? 0 : System.nanoTime() - started;
        long left = config.requestTimeout().toNanos() - elapsed;
        return Duration.ofNanos(Math.max(1_000_000, left));
    }

    private void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !config.corsOrigins().contains(origin)) {
            errors.write(ctx, 403, "cors_refused", origin == null ? "OPTIONS is only answered for CORS preflights"
                    : "origin " + origin + " is not allowed to call this API");
            return;
        }
        ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
        ctx.header("Access-Control-Allow-Headers", "Authorization, X-API-Key, Content-Type, X-Request-Id");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    private void metrics(Context ctx) {
        ctx.status(200);
        ctx.contentType(PrometheusText.CONTENT_TYPE);
        ctx.result(metrics.scrape());
    }

    private void after(Context ctx) {
        if (!config.corsOrigins().isEmpty()) {
            // added last, so that a route's own Vary (e.g. Accept for exports) is kept
            String vary = ctx.res().getHeader("Vary");
            if (vary == null || vary.isBlank()) {
                ctx.header("Vary", "Origin");
            } else if (!vary.toLowerCase(Locale.ROOT).contains("origin")) {
                ctx.header("Vary", vary + ", Origin");
            }
        }
        InputStream result = ctx.resultInputStream();
        if (result instanceof ByteArrayInputStream bytes) {
            ctx.attribute(BYTES_OUT, (long) bytes.available());
        }
    }

    private void done(Context ctx, Float millis) {
        try {
            Long started = ctx.attribute(STARTED);
            if (started == null) {
                return; // never reached our before-handler: nothing was counted
            }
            long nanos = System.nanoTime() - started;
            String route = route(ctx);
            int status = ctx.statusCode();
            metrics.requestDone(ctx.method().name(), route, status, nanos);
            if (ACCESS.isInfoEnabled()) {
                ApiKeys.Key key = ctx.attribute(KEY);
                Long in = ctx.attribute(BYTES_IN);
                Long out = ctx.attribute(BYTES_OUT);
                ACCESS.info(accessLine(ctx.attribute(ID), ctx.method().name(), route, status, in == null ? 0 : in,
                        out == null ? 0 : out, nanos, key == null ? null : key.name()));
            }
        } finally {
            if (ctx.attribute(STARTED) != null) {
                exit();
            }
        }
    }

    /**
     * One access log line in logfmt: {@code id method route status in out ms [key]}. Every value is
     * from a closed set or validated (request id, key name), so none needs quoting; the query string,
     * headers and body are never logged.
     */
    static String accessLine(String id, String method, String route, int status, long bytesIn, long bytesOut, long nanos,
            String keyName) {
        return "id=" + id + " method=" + method + " route=" + (route == null ? "unmatched" : route) + " status=" + status
                + " in=" + bytesIn + " out=" + bytesOut + " ms=" + String.format(Locale.ROOT, "%.1f", nanos / 1e6)
                + (keyName == null ? "" : " key=" + keyName);
    }

    private static String route(Context ctx) {
        try {
            Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            return e == null ? null : e.path;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The client's id when it is 1–128 safe characters, else a new random one. */
    static String requestId(String given) {
        if (given != null && SAFE_ID.matcher(given).matches()) {
            return given;
        }
        return UUID.randomUUID().toString();
    }

    private void enter() {
        synchronized (idle) {
            inFlight++;
        }
    }

    private void exit() {
        synchronized (idle) {
            inFlight--;
            if (inFlight <= 0) {
                idle.notifyAll();
            }
        }
    }

    /** Requests being served now. */
    int inFlight() {
        synchronized (idle) {
            return inFlight;
        }
    }

    /** Waits until no request is in flight or the timeout passes; true when idle. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
