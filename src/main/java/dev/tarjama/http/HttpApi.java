package dev.tarjama.http;

import com.google.gson.Gson;
import dev.tarjama.export.ExportFormat;
import dev.tarjama.glossary.Glossaries;
import dev.tarjama.glossary.Glossary;
import dev.tarjama.glossary.GlossaryStore;
import dev.tarjama.http.metrics.ServiceMetrics;
import dev.tarjama.translation.Caller;
import dev.tarjama.translation.ModelRegistry;
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
 * Translation requests are admitted per client (the API key's name, else the remote address): at
 * most {@link HttpConfig#maxClientRequests()} in progress (429 {@code too_many_requests}), each held
 * to {@link HttpConfig#maxRequestCost()} (422 {@code request_too_costly}) and scheduled fairly
 * against other clients' by the service.
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
    private final java.util.concurrent.Semaphore streams;
    private final ClientSlots slots;
    private final dev.tarjama.store.StoreHealth storeHealth; // null: embedded store
    /** The models requests choose from (one, for the single-service constructors). */
    private final ModelRegistry models;
    private final OpsConfig opsConfig;
    private final HtmlRoute html;

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
        this(service, ready, modelInfo, config, opsConfig, glossaryStore, new dev.tarjama.store.LocalQuotas(), null);
    }

    /**
     * With the state replicas share ({@link dev.tarjama.store.SharedState}).
     *
     * @param glossaryStore null disables stored glossaries
     * @param quotaStore where API-key quota counts live
     * @param storeHealth the shared store's health, shown by {@code /v1/health/ready} and {@code /metrics};
     *     null when embedded
     */
    public HttpApi(TranslationService service, BooleanSupplier ready, Supplier<?> modelInfo, HttpConfig config,
            OpsConfig opsConfig, Glossaries glossaryStore, dev.tarjama.store.QuotaStore quotaStore,
            dev.tarjama.store.StoreHealth storeHealth) {
        this(ModelRegistry.single(Objects.requireNonNull(service, "service"), Map.of()), ready, modelInfo, config,
                opsConfig, glossaryStore, quotaStore, storeHealth);
    }

    /**
     * Serves several models ({@code GET /v1/models}; {@code model} or {@code modelType} in requests;
     * {@code POST /v1/admin/models/{id}/reload}). Metrics count the batches of every model; the queue
     * and cache gauges are the default model's as first loaded.
     */
    public HttpApi(ModelRegistry models, BooleanSupplier ready, Supplier<?> modelInfo, HttpConfig config,
            OpsConfig opsConfig, GlossaryStore glossaryStore) {
        this(models, ready, modelInfo, config, opsConfig, glossaryStore, new dev.tarjama.store.LocalQuotas(), null);
    }

    /** Several models, with the state replicas share. */
    public HttpApi(ModelRegistry models, BooleanSupplier ready, Supplier<?> modelInfo, HttpConfig config,
            OpsConfig opsConfig, Glossaries glossaryStore, dev.tarjama.store.QuotaStore quotaStore,
            dev.tarjama.store.StoreHealth storeHealth) {
        this.storeHealth = storeHealth;
        this.models = Objects.requireNonNull(models, "models");
        this.service = models.service(models.defaultId());
        this.ready = Objects.requireNonNull(ready, "ready");
        this.modelInfo = Objects.requireNonNull(modelInfo, "modelInfo");
        this.config = Objects.requireNonNull(config, "config");
        this.exports = new ExportRoutes(gson, config);
        this.glossaries = new GlossaryRoutes(glossaryStore, config, this::json);
        this.errors = new ErrorMapper(gson, config, Objects.requireNonNull(opsConfig, "opsConfig").requestTimeout());
        this.metrics = new ServiceMetrics(service, ready);
        this.streams = new java.util.concurrent.Semaphore(config.limits().maxStreams());
        this.slots = new ClientSlots(config.maxClientRequests());
        this.ops = new Operations(Objects.requireNonNull(opsConfig, "opsConfig"), metrics, errors, Clock.systemUTC(),
                Objects.requireNonNull(quotaStore, "quotaStore"));
        if (storeHealth != null) {
            metrics.registry().register(dev.tarjama.http.metrics.Sampled.gauge("tarjama_store_up",
                    "1 while the shared store (Redis) answers, 0 while translation runs degraded without it.",
                    () -> storeHealth.up() ? 1 : 0));
            metrics.registry().register(dev.tarjama.http.metrics.Sampled.counter("tarjama_store_errors_total",
                    "Calls to the shared store that failed or timed out.", storeHealth::errors));
        }
        this.opsConfig = opsConfig;
        this.html = new HtmlRoute(gson, new dev.tarjama.document.HtmlTranslator(service), config, ops, exports,
                this::requireReady);
        for (String id : models.ids()) {
            if (!id.equals(models.defaultId())) {
                models.service(id).observe(metrics);
            }
        }
        models.onServiceAdded(s -> s.observe(metrics));
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

    /** Closes the connections of requests still receiving their body (shutdown, after the drain); returns how many. */
    public int closeUploads() {
        return ops.closeUploads();
    }

    /** Builds the (not yet started) Javalin app. */
    public Javalin create() {
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinGson(gson, false));
            c.http.maxRequestSize = config.bodyLimitBytes();
            JettySettings.install(c, config.limits());
            ops.install(c);
            c.routes.post("/v1/translate", this::translate);
            c.routes.get("/v1/health/live", ctx -> json(ctx, 200, Map.of("status", "live")));
            c.routes.get("/v1/health/ready", this::readiness);
            c.routes.get("/v1/model", this::model);
            new ModelRoutes(() -> models, ops::keysEnabled, opsConfig.requestTimeout(), config, (ctx, body) -> json(ctx, 200, body))
                    .register(c.routes);
            c.routes.post(ErrorMapper.LIBRE_TRANSLATE_PATH, this::libreTranslate);
            // LibreTranslate lists every language it knows, targets too: clients check source and target against the codes
            c.routes.post(LibreTranslateDetect.PATH, this::libreDetect);
            c.routes.get("/languages", ctx -> json(ctx, 200, List.of(
                    Map.of("code", "ar", "name", "Arabic", "targets", List.of("en")),
                    Map.of("code", "en", "name", "English", "targets", List.of()))));
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
        if (type.equals(HtmlRoute.DOCX)) {
            html.translateDocx(ctx);
            return;
        }
        if (!type.equals("application/json") && !type.equals("text/plain") && !type.equals("text/html")) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type must be application/json, text/plain, "
                    + "text/html; charset=utf-8 or a .docx (" + HtmlRoute.DOCX + "), got " + type);
        }
        String body = RequestBody.utf8(RequestBody.read(ctx, config.bodyLimitBytes()));
        if ((type.equals("text/html") || type.equals("application/json")) && html.translate(ctx, type, body)) {
            return;
        }
        com.google.gson.JsonElement parsed = type.equals("application/json") ? RequestBody.json(body) : null;
        TranslateRequest request = parsed != null
                ? TranslateRequest.fromJson(parsed, config)
                : TranslateRequest.fromPlainText(body, ctx, config);
        ModelChoice choice = parsed != null ? ModelChoice.fromJson(parsed) : ModelChoice.fromQuery(ctx);
        try (ModelRegistry.Lease lease = choice.lease(models)) {
            translate(ctx, request, lease.service());
        }
    }

    /** The rest of {@link #translate(Context)}, on the chosen model's service. */
    private void translate(Context ctx, TranslateRequest request, TranslationService service) {
        // an explicit ?format= wins over a streaming Accept; otherwise streaming, then exports, then JSON
        var stream = ctx.queryParam("format") == null ? ParagraphStream.requested(ctx) : Optional.<ParagraphStream.Kind>empty();
        Optional<ExportFormat> format = stream.isPresent() ? Optional.empty() : exports.negotiate(ctx, request.batch());
        Glossary glossary = glossaries.resolve(request.glossary());
        requireReady();
        Caller caller = admit(ctx);
        if (stream.isPresent()) {
            if (request.batch() || request.tracksRevisions()) {
                throw ApiException.invalid("streaming takes one text without articleId; send texts one by one");
            }
            stream(ctx, stream.get(), service, request, glossary, caller);
            return;
        }
        ops.charge(ctx, request.texts());
        Duration timeout = ops.remaining(ctx);
        if (request.tracksRevisions()) {
            exports.send(ctx, format, service.translateRevision(request.texts().get(0), request.options(), glossary,
                    timeout, request.articleId(), request.revision(), caller));
            return;
        }
        List<TranslatedDocument> docs = service.translateAll(request.texts(), request.options(), glossary, timeout, caller);
        if (request.batch()) {
            json(ctx, 200, Map.of("results", docs));
        } else {
            exports.send(ctx, format, docs.get(0));
        }
    }

    /** A streaming translation, if one of the {@code maxStreams} places is free (else 429, not charged). */
    private void stream(Context ctx, ParagraphStream.Kind kind, TranslationService service, TranslateRequest request,
            Glossary glossary, Caller caller) {
        if (!streams.tryAcquire()) {
            throw new ApiException(429, "too_many_streams", "the server is already streaming " + config.limits().maxStreams()
                    + " translations; retry after " + config.retryAfterSeconds() + " s or ask without streaming");
        }
        try {
            ops.charge(ctx, request.texts());
            new ParagraphStream(gson, errors).write(ctx, kind, service, request, glossary, ops.remaining(ctx), caller);
        } finally {
            streams.release();
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
        Caller caller = admit(ctx);
        ops.charge(ctx, request.q());
        List<String> translated = new ArrayList<>(request.q().size());
        if (request.html()) {
            for (String q : request.q()) {
                translated.add(html.translatedHtml(q, config.defaultOptions(), ops.remaining(ctx)));
            }
        } else {
            List<TranslatedDocument> docs;
            try (ModelRegistry.Lease lease = models.acquire(null)) {
                docs = lease.service().translateAll(request.q(), config.defaultOptions(), null, ops.remaining(ctx), caller);
            }
            for (int i = 0; i < docs.size(); i++) {
                translated.add(layout(request.q().get(i), docs.get(i)));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (request.auto()) {
            List<Map<String, Object>> detected = request.q().stream().map(LibreTranslateDetect::best).toList();
            body.put("detectedLanguage", request.array() ? detected : detected.get(0));
        }
        body.put("translatedText", request.array() ? translated : translated.get(0));
        json(ctx, 200, body);
    }

    /** LibreTranslate's {@code POST /detect}: the candidate languages of {@code q}, most likely first. */
    private void libreDetect(Context ctx) {
        String type = RequestBody.mediaType(ctx);
        byte[] bytes = RequestBody.read(ctx, config.bodyLimitBytes());
        String q;
        if (type.equals("application/json")) {
            com.google.gson.JsonElement json = RequestBody.json(RequestBody.utf8(bytes));
            refuseBodyKey(json.isJsonObject() && json.getAsJsonObject().has("api_key"));
            q = LibreTranslateDetect.q(json);
        } else if (type.equals("application/x-www-form-urlencoded")) {
            refuseBodyKey(LibreTranslateRequest.hasFormField(bytes, "api_key"));
            q = LibreTranslateDetect.q(bytes);
        } else {
            throw new ApiException(415, "unsupported_media_type",
                    "Content-Type must be application/json or application/x-www-form-urlencoded, got " + type);
        }
        ops.charge(ctx, List.of(q));
        json(ctx, 200, LibreTranslateDetect.candidates(q));
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
        if (ready.getAsBoolean() && storeHealth != null) {
            // a store outage does not make the replica unready: it translates degraded, and says so
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ready");
            body.put("store", storeHealth.details());
            json(ctx, 200, body);
        } else if (ready.getAsBoolean()) {
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

    /**
     * Takes one of the client's request slots until the request is over (429 {@code too_many_requests}
     * when it has none left) and names the client to the service: its sentences are scheduled fairly
     * against other clients' and the request is held to the cost cap.
     */
    private Caller admit(Context ctx) {
        String client = ops.clientId(ctx);
        ops.onDone(ctx, slots.acquire(client));
        return new Caller(client, config.maxRequestCost());
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
