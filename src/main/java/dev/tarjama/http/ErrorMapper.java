package dev.tarjama.http;

import com.google.gson.Gson;
import dev.tarjama.translation.DeadlineExceededException;
import dev.tarjama.translation.RequestTooCostlyException;
import dev.tarjama.translation.ServiceOverloadedException;
import dev.tarjama.translation.TranslationFailedException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers. Every route answers errors as
 * {@code {"error": {"code", "message"}}}, except the LibreTranslate shim ({@code /translate}),
 * which answers {@code {"error": "message"}} as LibreTranslate does, with 400 for every request
 * error (bad JSON, wrong type, unsupported language or format) so that its clients understand it;
 * 413, 429, 500 and 503 keep their status there too. Internals (exception messages of the engine,
 * stack traces) are logged, never sent.
 */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    static final String LIBRE_TRANSLATE_PATH = "/translate";

    private final Gson gson;
    private final HttpConfig config;

    private final java.time.Duration requestTimeout;

    ErrorMapper(Gson gson, HttpConfig config) {
        this(gson, config, OpsConfig.DEFAULTS.requestTimeout());
    }

    /** @param requestTimeout the configured request deadline, named in 504 answers */
    ErrorMapper(Gson gson, HttpConfig config, java.time.Duration requestTimeout) {
        this.gson = gson;
        this.config = config;
        this.requestTimeout = requestTimeout;
    }

    /** The status, code and client-safe message for an exception. */
    record Classified(int status, String code, String message) {}

    Classified classify(Exception e, Context ctx) {
        if (e instanceof ApiException api) {
            return new Classified(api.status(), api.code(), api.getMessage());
        }
        if (e instanceof ServiceOverloadedException) {
            return new Classified(429, "overloaded",
                    "the translation queue is full; retry after " + config.retryAfterSeconds() + " s");
        }
        if (e instanceof RequestTooCostlyException cost) {
            return new Classified(422, "request_too_costly", "this request costs " + cost.cost() + " (" + cost.sentences()
                    + " distinct sentences x beams " + cost.beams() + " x maxLength " + cost.maxLength()
                    + "), over the limit of " + cost.limit() + " per request (max-request-cost); send fewer sentences "
                    + "per request, or lower beams or maxLength");
        }
        if (e instanceof DeadlineExceededException) {
            return new Classified(504, "deadline_exceeded", "the translation did not finish within the request deadline of "
                    + requestTimeout.toMillis() + " ms; its queued work was cancelled. Retry later or send less text");
        }
        if (e instanceof dev.tarjama.store.StoreUnavailableException) {
            LOG.debug("shared store unavailable for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            return new Classified(503, "store_unavailable",
                    "the shared store (Redis) is unreachable; nothing was changed. Retry shortly");
        }
        if (e instanceof TranslationFailedException) {
            LOG.error("translation failed for {} {}", ctx.method(), ctx.path(), e);
            return new Classified(500, "translation_failed",
                    "the translation engine failed on this request; nothing was translated");
        }
        if (e instanceof HttpResponseException http) {
            return new Classified(http.getStatus(), codeFor(http.getStatus()), messageFor(http.getStatus(), ctx));
        }
        LOG.error("unexpected error for {} {}", ctx.method(), ctx.path(), e);
        return new Classified(500, "internal_error", "internal error");
    }

    void handle(Exception e, Context ctx) {
        Classified c = classify(e, ctx);
        if (c.code().equals("store_unavailable")) {
            ctx.header("Retry-After", "2");
        }
        if (c.code().equals("overloaded") || c.code().equals("too_many_streams") || c.code().equals("too_many_requests")) {
            ctx.header("Retry-After", Integer.toString(config.retryAfterSeconds()));
        }
        if (c.status() == 413 || c.status() == 408) {
            // the rest of the body stays unread: close the connection so that no client reuses it
            ctx.header("Connection", "close");
        }
        write(ctx, c.status(), c.code(), c.message());
    }

    /** Writes the error body in the shape the path expects. */
    void write(Context ctx, int status, String code, String message) {
        Object body;
        if (isLibreTranslate(ctx) && !code.equals("not_found") && !code.equals("method_not_allowed")) {
            if (status == 415 || status == 422) {
                status = 400;
            }
            body = Map.of("error", message);
        } else {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            body = Map.of("error", error);
        }
        ctx.status(status);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(gson.toJson(body));
    }

    /** Whether the request is for the LibreTranslate route (matched route, else the normalized path). */
    private static boolean isLibreTranslate(Context ctx) {
        String route = RouteAccess.matchedPath(ctx);
        String path = route != null ? route : RouteAccess.normalize(ctx.path());
        return LIBRE_TRANSLATE_PATH.equals(path) || LibreTranslateDetect.PATH.equals(path);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "overloaded";
            case 503 -> "not_ready";
            default -> status >= 500 ? "internal_error" : "http_error";
        };
    }

    private static String messageFor(int status, Context ctx) {
        return switch (status) {
            case 404 -> "no route for " + ctx.method() + " " + ctx.path();
            case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "request body is too large";
            default -> status >= 500 ? "internal error" : "request refused (" + status + ")";
        };
    }
}
