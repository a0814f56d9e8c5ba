package dev.tarjama.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tarjama.translation.ModelRegistry;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which model a translation request asks for: {@code model} (a served id) or {@code modelType}
 * ({@code quality_optimized} / {@code latency_optimized}), in the JSON body or the query string;
 * neither means the server's default. Giving both is refused.
 */
record ModelChoice(String model, ModelRegistry.Tier tier) {
    static final String MODEL = "model";
    static final String MODEL_TYPE = "modelType";
    static final ModelChoice DEFAULT = new ModelChoice(null, null);
    private static final int MAX_ID_LENGTH = 64;

    ModelChoice {
        if (model != null && tier != null) {
            throw ApiException.invalid("give either model or modelType, not both");
        }
    }

    /** From a JSON body (already checked to be an object by {@link TranslateRequest#fromJson}). */
    static ModelChoice fromJson(JsonElement body) {
        if (!body.isJsonObject()) {
            return DEFAULT;
        }
        JsonObject o = body.getAsJsonObject();
        return of(o.has(MODEL) ? text(o.get(MODEL), MODEL) : null,
                o.has(MODEL_TYPE) ? text(o.get(MODEL_TYPE), MODEL_TYPE) : null);
    }

    /** From {@code ?model=} and {@code ?modelType=}. */
    static ModelChoice fromQuery(Context ctx) {
        return of(ctx.queryParam(MODEL), ctx.queryParam(MODEL_TYPE));
    }

    private static ModelChoice of(String model, String type) {
        if (model != null && (model.isBlank() || model.length() > MAX_ID_LENGTH)) {
            throw ApiException.invalid("model must be a model id of 1-" + MAX_ID_LENGTH + " characters (see GET /v1/models)");
        }
        ModelRegistry.Tier tier = null;
        if (type != null) {
            tier = ModelRegistry.Tier.fromWire(type).orElseThrow(() -> ApiException.invalid("modelType must be one of "
                    + Arrays.stream(ModelRegistry.Tier.values()).map(ModelRegistry.Tier::wire)
                            .collect(Collectors.joining(", ")) + ", got '" + type + "'"));
        }
        return new ModelChoice(model, tier);
    }

    private static String text(JsonElement e, String field) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return e.getAsString();
        }
        throw ApiException.invalid(field + " must be a string");
    }

    /**
     * A lease on the chosen model.
     *
     * @throws ApiException 422 {@code unknown_model} for an id the server does not serve
     */
    ModelRegistry.Lease lease(ModelRegistry models) {
        String id = tier != null ? models.idFor(tier) : model;
        if (id != null && !models.has(id)) {
            throw new ApiException(422, "unknown_model", "no model '" + id + "' on this server; served: "
                    + String.join(", ", models.ids()) + " (GET /v1/models)");
        }
        return models.acquire(id);
    }
}
