package dev.tarjama.http;

import com.google.gson.Gson;
import dev.tarjama.translation.DeadlineExceededException;
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

    void handle(Exception e, Context ctx) {
        int status;
        String code;
        String message;
        if (e instanceof ApiException api) {
            status = api.status();
            code = api.code();
            message = api.getMessage();
        } else if (e instanceof ServiceOverloadedException) {
            status = 429;
            code = "overloaded";
            message = "the translation queue is full; retry after " + config.retryAfterSeconds() + " s";
            ctx.header("Retry-After", Integer.toString(config.retryAfterSeconds()));
        } else if (e instanceof DeadlineExceededException) {
            status = 504;
            code = "deadline_exceeded";
            message = "the translation did not finish within the request deadline of " + requestTimeout.toMillis()
                    + " ms; its queued work was cancelled. Retry later or send less text";
        } else if (e instanceof TranslationFailedException) {
            LOG.error("translation failed for {} {}", ctx.method(), ctx.path(), e);
            status = 500;
            code = "translation_failed";
            message = "the translation engine failed on this request; nothing was translated";
        } else if (e instanceof HttpResponseException http) {
            status = http.getStatus();
            code = codeFor(status);
            message = messageFor(status, ctx);
        } else {
            LOG.error("unexpected error for {} {}", ctx.method(), ctx.path(), e);
            status = 500;
            code = "internal_error";
            message = "internal error";
        }
        if (status == 413) {
            // the rest of the body stays unread: close the connection so that no client reuses it
            ctx.header("Connection", "close");
        }
        write(ctx, status, code, message);
    }

    /** Writes the error body in the shape the path expects. */
    void write(Context ctx, int status, String code, String message) {
        Object body;
        if (ctx.path().equals(LIBRE_TRANSLATE_PATH) && !code.equals("not_found") && !code.equals("method_not_allowed")) {
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
