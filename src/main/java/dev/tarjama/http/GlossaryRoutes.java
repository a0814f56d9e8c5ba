package dev.tarjama.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tarjama.glossary.Glossary;
import dev.tarjama.glossary.GlossaryEntry;
import dev.tarjama.glossary.GlossaryFormat;
import dev.tarjama.glossary.GlossaryFormatException;
import dev.tarjama.glossary.Glossaries;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored glossaries ({@code PUT/GET/DELETE /v1/glossaries/{name}}, {@code GET /v1/glossaries}) and
 * the resolution of a request's {@code glossary} field: an inline array of {@code {"ar", "en"}}
 * entries, or the name of a stored glossary. PUT takes JSON {@code {"entries": [...]}}, or the CSV/TSV
 * format DeepL uses ({@code text/csv}, {@code text/tab-separated-values}: two columns, Arabic then
 * English, no header). An entry whose English equals its Arabic is a do-not-translate term.
 */
final class GlossaryRoutes {
    static final String PATH = "/v1/glossaries";
    private final Glossaries store; // null: no store configured
    private final HttpConfig config;
    private final JsonWriter json;

    /** Writes a JSON response (HttpApi's writer). */
    interface JsonWriter {
        void write(Context ctx, int status, Object body);
    }

    GlossaryRoutes(Glossaries store, HttpConfig config, JsonWriter json) {
        this.store = store;
        this.config = config;
        this.json = json;
    }

    void register(JavalinConfig c) {
        c.routes.get(PATH, ctx -> json.write(ctx, 200, Map.of("glossaries", store().names())));
        c.routes.get(PATH + "/{name}", this::get);
        c.routes.put(PATH + "/{name}", this::put);
        c.routes.delete(PATH + "/{name}", this::delete);
    }

    private Glossaries store() {
        if (store == null) {
            throw new ApiException(404, "not_found", "stored glossaries are not enabled on this server (no glossary directory)");
        }
        return store;
    }

    private String name(Context ctx) {
        try {
            return Glossary.validateName(ctx.pathParam("name"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }

    private void get(Context ctx) {
        String name = name(ctx);
        Glossary g = store().get(name).orElseThrow(() -> new ApiException(404, "not_found", "no glossary named " + name));
        json.write(ctx, 200, describe(g));
    }

    private void put(Context ctx) {
        String name = name(ctx);
        String type = RequestBody.mediaType(ctx);
        String body = RequestBody.utf8(RequestBody.read(ctx, config.bodyLimitBytes()));
        List<GlossaryEntry> entries;
        try {
            entries = switch (type) {
                case "application/json" -> entries(RequestBody.json(body) instanceof JsonObject o
                        ? o.get("entries") : null, "entries");
                case "text/csv" -> GlossaryFormat.CSV.parse(body);
                case "text/tab-separated-values" -> GlossaryFormat.TSV.parse(body);
                default -> throw new ApiException(415, "unsupported_media_type",
                        "Content-Type must be application/json, text/csv or text/tab-separated-values, got " + type);
            };
        } catch (GlossaryFormatException e) {
            throw ApiException.invalid("line " + e.line() + ": " + e.getMessage());
        }
        boolean created;
        Glossary glossary;
        try {
            glossary = new Glossary(name, entries);
            created = store().put(glossary);
        } catch (IllegalArgumentException e) { // includes GlossaryLimitException
            throw ApiException.invalid(e.getMessage());
        }
        json.write(ctx, created ? 201 : 200, describe(glossary));
    }

    private void delete(Context ctx) {
        String name = name(ctx);
        if (!store().delete(name)) {
            throw new ApiException(404, "not_found", "no glossary named " + name);
        }
        ctx.status(204);
    }

    /** The request's glossary: null when absent, inline entries, or a stored glossary by name. */
    Glossary resolve(JsonElement spec) {
        if (spec == null || spec.isJsonNull()) {
            return null;
        }
        if (spec.isJsonPrimitive() && spec.getAsJsonPrimitive().isString()) {
            String name;
            try {
                name = Glossary.validateName(spec.getAsString()); // 422 as on PUT, before any store lookup
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("glossary: " + e.getMessage());
            }
            return store().get(name).orElseThrow(() -> ApiException.invalid("glossary: no stored glossary named '" + name + "'"));
        }
        List<GlossaryEntry> entries = entries(spec, "glossary");
        try {
            return Glossary.inline(entries);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("glossary: " + e.getMessage());
        }
    }

    /** Parses an array of {@code {"ar", "en"}} objects; errors name the path. */
    static List<GlossaryEntry> entries(JsonElement e, String field) {
        if (e == null || !e.isJsonArray()) {
            throw ApiException.invalid(field + " must be an array of {\"ar\", \"en\"} objects or a glossary name");
        }
        JsonArray array = e.getAsJsonArray();
        List<GlossaryEntry> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = field + "[" + i + "]";
            if (!array.get(i).isJsonObject()) {
                throw ApiException.invalid(at + " must be an object with ar and en");
            }
            JsonObject o = array.get(i).getAsJsonObject();
            String ar = TranslateRequest.string(o.get("ar"), at + ".ar");
            String en = TranslateRequest.string(o.get("en"), at + ".en");
            try {
                out.add(new GlossaryEntry(ar, en));
            } catch (IllegalArgumentException ex) {
                throw ApiException.invalid(at + ": " + ex.getMessage());
            }
        }
        return out;
    }

    private static Map<String, Object> describe(Glossary g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", g.name());
        m.put("entries", g.entries());
        return m;
    }
}
