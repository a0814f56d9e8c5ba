package dev.tarjama.http;

import com.google.gson.Gson;
import dev.tarjama.export.ExportFormat;
import dev.tarjama.glossary.Glossary;
import dev.tarjama.glossary.GlossaryStore;
import dev.tarjama.http.metrics.ServiceMetrics;
import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslationService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinGson;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP API over a {@link TranslationService}:
 *
 * <ul>
 *   <li>{@code POST /v1/translate}: JSON {@code {"text"}} or {@code {"texts": [...]}} (with optional
 *       {@code beams}, {@code maxLength}), or a {@code text/plain; charset=utf-8} article (options in
 *       the query string) → the aligned document, or {@code {"results": [...]}} for a batch; with
 *       {@code ?format=} or {@code Accept}, an export of the document instead ({@link ExportRoutes});
 *   <li>{@code POST /v1/export?format=...}: a document as returned above (possibly edited) → the export;
 *   <li>{@code GET /}, {@code /app.js}, {@code /app.css}: the newsroom page ({@link StaticPage});
 *   <li>{@code GET /v1/health/live} (always 200), {@code GET /v1/health/ready} (200 or 503),
 *       {@code GET /v1/model} (the caller's model description);
 *   <li>{@code POST /translate} and {@code GET /languages}: LibreTranslate-compatible;
 *   <li>{@code GET /metrics}: Prometheus text format (see {@link ServiceMetrics}).
 * </ul>
 *
 * <p>Every request also goes through {@link Operations}: request id, security headers, CORS, API keys
 * and daily quotas, the request deadline (504), in-flight tracking for graceful shutdown and the
 * access log.
 *
 * Errors are mapped in {@link ErrorMapper}. Translation routes answer 503 until {@code ready} says
 * true. Usage: {@code new HttpApi(service, ready, modelInfo, HttpConfig.DEFAULTS).start(host, port)}.
 */
public final class HttpApi {
    private final TranslationService service;
    private final BooleanSupplier ready;
    private final Supplier<?> modelInfo;
    private final HttpConfig config;
    private final Gson gson = dev.tarjama.export.DocumentJsonWriter.gson();
    private final ErrorMapper errors;
    private final ExportRoutes exports;
    private final GlossaryRoutes glossaries;
    private final ServiceMetrics metrics;
    private final Operations ops;

    /**
     * @param ready true once the model loaded and a warm-up translation succeeded (and false again
     *     while draining)
     * @param modelInfo what {@code GET /v1/model} returns (a record or map serialized with Gson:
     *     config summary, files, revision); null means not available yet (503)
     */
    public HttpApi(TranslationService service, BooleanSupplier ready, Supplier<?> modelInfo, HttpConfig config) {
        this(service, ready, modelInfo, config, OpsConfig.DEFAULTS, null);
    }

    /** With operational settings: request deadline, API keys, CORS origins (see {@link Operations}). */
    public HttpApi(TranslationService service, BooleanSupplier ready, Supplier<?> modelInfo, HttpConfig config,
            OpsConfig opsConfig) {
        this(service, ready, modelInfo, config, opsConfig, null);
    }

    /**
     * @param glossaryStore where named glossaries live ({@code /v1/glossaries}); null disables stored
     *     glossaries (inline ones still work)
     */
    public HttpApi(TranslationService service, BooleanSupplier ready, Supplier<?> modelInfo, HttpConfig config,
            OpsConfig opsConfig, GlossaryStore glossaryStore) {
        this.service = Objects.requireNonNull(service, "service");
        this.ready = Objects.requireNonNull(ready, "ready");
        this.modelInfo = Objects.requireNonNull(modelInfo, "modelInfo");
        this.config = Objects.requireNonNull(config, "config");
        this.exports = new ExportRoutes(gson, config);
        this.glossaries = new GlossaryRoutes(glossaryStore, config, this::json);
        this.errors = new ErrorMapper(gson, config, Objects.requireNonNull(opsConfig, "opsConfig").requestTimeout());
        this.metrics = new ServiceMetrics(service, ready);
        this.ops = new Operations(Objects.requireNonNull(opsConfig, "opsConfig"), metrics, errors, Clock.systemUTC());
    }

    /** The metrics this API exposes on {@code GET /metrics}. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /** Requests being served now (for graceful shutdown). */
    public int inFlight() {
        return ops.inFlight();
    }

    /** Waits until no request is in flight, at most {@code timeout}; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return ops.awaitIdle(timeout);
    }

    /** Builds the (not yet started) Javalin app. */
    public Javalin create() {
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinGson(gson, false));
            c.http.maxRequestSize = config.bodyLimitBytes();
            ops.install(c);
            c.routes.post("/v1/translate", this::translate);
            c.routes.get("/v1/health/live", ctx -> json(ctx, 200, Map.of("status", "live")));
            c.routes.get("/v1/health/ready", this::readiness);
            c.routes.get("/v1/model", this::model);
            c.routes.post(ErrorMapper.LIBRE_TRANSLATE_PATH, this::libreTranslate);
            c.routes.get("/languages", ctx -> json(ctx, 200, List.of(
                    Map.of("code", "ar", "name", "Arabic", "targets", List.of("en")))));
            exports.register(c.routes);
            glossaries.register(c);
            new StaticPage().register(c.routes);
            c.routes.exception(Exception.class, errors::handle);
            // Javalin answers unmatched routes itself in text/plain; this rewrites them into our shape
            c.routes.error(404, ctx -> errors.write(ctx, 404, "not_found", "no route for " + ctx.method() + " " + ctx.path()));
        });
    }

    /** Builds and starts the app; {@code port} 0 picks a free port ({@link Javalin#port()}). */
    public Javalin start(String host, int port) {
        return create().start(host, port);
    }

    private void translate(Context ctx) {
        String type = RequestBody.mediaType(ctx);
        if (!type.equals("application/json") && !type.equals("text/plain")) {
            throw new ApiException(415, "unsupported_media_type",
                    "Content-Type must be application/json or text/plain; charset=utf-8, got " + type);
        }
        String body = RequestBody.utf8(RequestBody.read(ctx, config.bodyLimitBytes()));
        TranslateRequest request = type.equals("application/json")
                ? TranslateRequest.fromJson(RequestBody.json(body), config)
                : TranslateRequest.fromPlainText(body, ctx, config);
        // an explicit ?format= wins over a streaming Accept; otherwise streaming, then exports, then JSON
        var stream = ctx.queryParam("format") == null ? ParagraphStream.requested(ctx) : Optional.<ParagraphStream.Kind>empty();
        Optional<ExportFormat> format = stream.isPresent() ? Optional.empty() : exports.negotiate(ctx, request.batch());
        Glossary glossary = glossaries.resolve(request.glossary());
        requireReady();
        ops.charge(ctx, request.texts());
        Duration timeout = ops.remaining(ctx);
        if (stream.isPresent()) {
            if (request.batch() || request.tracksRevisions()) {
                throw ApiException.invalid("streaming takes one text without articleId; send texts one by one");
            }
            new ParagraphStream(gson, errors).write(ctx, stream.get(), service, request, glossary, timeout);
            return;
        }
        if (request.tracksRevisions()) {
            exports.send(ctx, format, service.translateRevision(request.texts().get(0), request.options(), glossary,
                    timeout, request.articleId(), request.revision()));
            return;
        }
        List<TranslatedDocument> docs = service.translateAll(request.texts(), request.options(), glossary, timeout);
        if (request.batch()) {
            json(ctx, 200, Map.of("results", docs));
        } else {
            exports.send(ctx, format, docs.get(0));
        }
    }

    private void libreTranslate(Context ctx) {
        String type = RequestBody.mediaType(ctx);
        byte[] bytes = RequestBody.read(ctx, config.bodyLimitBytes());
        LibreTranslateRequest request;
        if (type.equals("application/json")) {
            com.google.gson.JsonElement json = RequestBody.json(RequestBody.utf8(bytes));
            refuseBodyKey(json.isJsonObject() && json.getAsJsonObject().has("api_key"));
            request = LibreTranslateRequest.fromJson(json, config);
        } else if (type.equals("application/x-www-form-urlencoded")) {
            refuseBodyKey(LibreTranslateRequest.hasFormField(bytes, "api_key"));
            request = LibreTranslateRequest.fromForm(bytes, config);
        } else {
            throw new ApiException(415, "unsupported_media_type",
                    "Content-Type must be application/json or application/x-www-form-urlencoded, got " + type);
        }
        requireReady();
        ops.charge(ctx, request.q());
        List<TranslatedDocument> docs = service.translateAll(request.q(), config.defaultOptions(), null, ops.remaining(ctx));
        List<String> translated = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            translated.add(layout(request.q().get(i), docs.get(i)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (request.auto()) {
            Map<String, Object> detected = new LinkedHashMap<>();
            detected.put("confidence", 100);
            detected.put("language", "ar");
            body.put("detectedLanguage", request.array() ? translated.stream().map(t -> detected).toList() : detected);
        }
        body.put("translatedText", request.array() ? translated : translated.get(0));
        json(ctx, 200, body);
    }

    /** The source text with each paragraph replaced by its translation; line breaks and blank lines kept. */
    static String layout(String source, TranslatedDocument doc) {
        StringBuilder out = new StringBuilder(source.length());
        int at = 0;
        for (TranslatedParagraph p : doc.paragraphs()) {
            out.append(source, at, p.start()).append(p.translation());
            at = p.end();
        }
        return out.append(source, at, source.length()).toString();
    }

    private void readiness(Context ctx) {
        if (ready.getAsBoolean()) {
            json(ctx, 200, Map.of("status", "ready"));
        } else {
            errors.write(ctx, 503, "not_ready", "the model is not ready yet");
        }
    }

    private void model(Context ctx) {
        Object info = modelInfo.get();
        if (info == null) {
            throw ApiException.notReady();
        }
        json(ctx, 200, info);
    }

    /** With API keys on, a LibreTranslate {@code api_key} in the body is refused: keys go in headers only. */
    private void refuseBodyKey(boolean present) {
        if (present && ops.keysEnabled()) {
            throw new ApiException(400, "credentials_in_body", "api_key is not accepted in the body; send "
                    + "'Authorization: Bearer KEY' or 'X-API-Key: KEY'");
        }
    }

    private void requireReady() {
        if (!ready.getAsBoolean()) {
            throw ApiException.notReady();
        }
    }

    private void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(gson.toJson(body));
    }
}
