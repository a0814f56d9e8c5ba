package dev.tarjama.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tarjama.translation.ModelRegistry;
import io.javalin.http.Context;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/models}: the served models (id, revision, model types, default) and
 * {@code POST /v1/admin/models/{id}/reload} with an optional JSON body {@code {"dir": "..."}}: loads
 * the model again (from {@code dir}, or from its current directory) and swaps it in while requests
 * run (see {@link ModelRegistry#reload}). The admin route needs API keys to be configured; without
 * them it answers 403, so that nobody on an open port can replace a model.
 */
final class ModelRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRoutes.class);
    private final Supplier<ModelRegistry> models;
    private final BooleanSupplier keysEnabled;
    private final Duration drain;
    private final HttpConfig config;
    private final BiConsumer<Context, Object> json;

    /** @param drain how long in-flight requests may keep the replaced model (the request deadline) */
    ModelRoutes(Supplier<ModelRegistry> models, BooleanSupplier keysEnabled, Duration drain, HttpConfig config,
            BiConsumer<Context, Object> json) {
        this.models = models;
        this.keysEnabled = keysEnabled;
        this.drain = drain;
        this.config = config;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/models", ctx -> {
            ModelRegistry m = models.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("default", m.defaultId());
            Map<String, Object> types = new LinkedHashMap<>();
            for (ModelRegistry.Tier t : ModelRegistry.Tier.values()) {
                types.put(t.wire(), m.idFor(t));
            }
            body.put("modelTypes", types);
            body.put("models", m.describe());
            json.accept(ctx, body);
        });
        routes.post("/v1/admin/models/{id}/reload", this::reload);
    }

    private void reload(Context ctx) {
        if (!keysEnabled.getAsBoolean()) {
            throw new ApiException(403, "forbidden", "admin routes need API keys (--api-keys-file or TARJAMA_API_KEYS)");
        }
        ModelRegistry m = models.get();
        String id = ctx.pathParam("id");
        if (!m.has(id)) {
            throw new ApiException(404, "not_found", "no model '" + id + "' on this server; served: " + String.join(", ", m.ids()));
        }
        Path dir = null;
        String body = RequestBody.utf8(RequestBody.read(ctx, config.bodyLimitBytes()));
        if (!body.isBlank()) {
            JsonElement e = RequestBody.json(body);
            if (!e.isJsonObject()) {
                throw ApiException.invalid("request body must be a JSON object: {\"dir\": \"path/to/model\"} or nothing");
            }
            JsonObject o = e.getAsJsonObject();
            for (String key : o.keySet()) {
                if (!key.equals("dir")) {
                    throw ApiException.invalid("unknown field '" + key + "'; allowed: dir");
                }
            }
            if (o.has("dir")) {
                JsonElement d = o.get("dir");
                if (!d.isJsonPrimitive() || !d.getAsJsonPrimitive().isString() || d.getAsString().isBlank()) {
                    throw ApiException.invalid("dir must be a non-empty string");
                }
                dir = Path.of(d.getAsString());
            }
        }
        Map<String, Object> loaded;
        try {
            loaded = m.reload(id, dir, drain);
        } catch (RuntimeException e) {
            LOG.warn("reloading model {} failed: {}", id, e.getMessage());
            throw new ApiException(422, "model_load_failed", "model " + id + " was not replaced (it keeps serving): "
                    + e.getMessage());
        }
        LOG.info("model {} reloaded: revision {}", id, loaded.get("revision"));
        json.accept(ctx, loaded);
    }
}
