package dev.tarjama.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.tarjama.translation.DecodeOptions;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code POST /v1/translate} request: one article ({@code batch == false}) or a batch of
 * articles, the decoding options, and for one article optionally its {@code articleId} and
 * {@code revision} (story updates).
 */
record TranslateRequest(List<String> texts, boolean batch, DecodeOptions options, String articleId, String revision,
        JsonElement glossary) {
    private static final Set<String> FIELDS =
            Set.of("text", "texts", "beams", "maxLength", "alternatives", "articleId", "revision", "glossary",
                    ModelChoice.MODEL, ModelChoice.MODEL_TYPE);
    private static final int MAX_ID_LENGTH = 128;

    TranslateRequest {
        texts = List.copyOf(texts);
        if ((articleId == null) != (revision == null)) {
            throw ApiException.invalid(articleId == null ? "articleId is required with revision"
                    : "revision is required with articleId");
        }
        if (articleId != null && batch) {
            throw ApiException.invalid("articleId and revision apply to one text, not to texts");
        }
    }

    TranslateRequest(List<String> texts, boolean batch, DecodeOptions options) {
        this(texts, batch, options, null, null, null);
    }

    /** Whether the request tracks revisions of an article. */
    boolean tracksRevisions() {
        return articleId != null;
    }

    /** From a JSON object body: {@code text} or {@code texts}, optional {@code beams} and {@code maxLength}. */
    static TranslateRequest fromJson(JsonElement body, HttpConfig config) {
        if (!body.isJsonObject()) {
            throw ApiException.invalid("request body must be a JSON object");
        }
        JsonObject o = body.getAsJsonObject();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            if (!FIELDS.contains(e.getKey())) {
                throw ApiException.invalid("unknown field '" + e.getKey()
                        + "'; allowed: text, texts, beams, maxLength, alternatives, articleId, revision, glossary, "
                        + "model, modelType");
            }
        }
        boolean hasText = o.has("text");
        boolean hasTexts = o.has("texts");
        if (hasText && hasTexts) {
            throw ApiException.invalid("give either text or texts, not both");
        }
        if (!hasText && !hasTexts) {
            throw ApiException.invalid("text is required (a string), or texts (an array of strings) for a batch");
        }
        DecodeOptions options = withAlternatives(options(
                o.has("beams") ? integer(o.get("beams"), "beams") : null,
                o.has("maxLength") ? integer(o.get("maxLength"), "maxLength") : null,
                config.defaultOptions()), o.has("alternatives") ? integer(o.get("alternatives"), "alternatives") : null);
        String articleId = o.has("articleId") ? identifier(o.get("articleId"), "articleId") : null;
        String revision = o.has("revision") ? identifier(o.get("revision"), "revision") : null;
        if (hasText) {
            return new TranslateRequest(List.of(string(o.get("text"), "text")), false, options, articleId, revision,
                    o.get("glossary"));
        }
        if (articleId != null || revision != null) {
            throw ApiException.invalid("articleId and revision apply to one text, not to texts");
        }
        JsonElement texts = o.get("texts");
        if (!texts.isJsonArray()) {
            throw ApiException.invalid("texts must be an array of strings");
        }
        JsonArray array = texts.getAsJsonArray();
        if (array.size() > config.maxTexts()) {
            throw ApiException.invalid("texts must have at most " + config.maxTexts() + " items, got " + array.size());
        }
        List<String> list = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            list.add(string(array.get(i), "texts[" + i + "]"));
        }
        return new TranslateRequest(list, true, options, null, null, o.get("glossary"));
    }

    /** From a {@code text/plain} body, with options in the query string. */
    static TranslateRequest fromPlainText(String body, Context ctx, HttpConfig config) {
        return new TranslateRequest(List.of(body), false, withAlternatives(options(
                queryInteger(ctx, "beams"), queryInteger(ctx, "maxLength"), config.defaultOptions()),
                queryInteger(ctx, "alternatives")));
    }

    static String string(JsonElement e, String field) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw ApiException.invalid(field + " must be a string");
        }
        String s = e.getAsString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.invalid(field + " contains an unpaired surrogate escape at index " + i);
            }
        }
        return s;
    }

    private static Integer integer(JsonElement e, String field) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw ApiException.invalid(field + " must be an integer");
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        BigDecimal value;
        try {
            value = new BigDecimal(p.getAsString());
        } catch (NumberFormatException ex) {
            throw ApiException.invalid(field + " must be an integer");
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw ApiException.invalid(field + " must be an integer");
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException ex) {
            throw outOfRange(field);
        }
    }

    private static Integer queryInteger(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return null;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name + " must be an integer");
        }
    }

    /** An article id or revision: a non-blank string (or an integer) of at most 128 characters. */
    private static String identifier(JsonElement e, String field) {
        String value;
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            value = e.getAsString();
        } else if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            value = string(e, field);
        } else {
            throw ApiException.invalid(field + " must be a string");
        }
        if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
            throw ApiException.invalid(field + " must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    static DecodeOptions withAlternatives(DecodeOptions options, Integer alternatives) {
        if (alternatives == null) {
            return options;
        }
        if (alternatives < 1 || alternatives > options.beams()) {
            throw ApiException.invalid("alternatives must be between 1 and beams (" + options.beams() + ")");
        }
        return options.withAlternatives(alternatives);
    }

    static DecodeOptions options(Integer beams, Integer maxLength, DecodeOptions defaults) {
        int b = beams == null ? defaults.beams() : beams;
        int m = maxLength == null ? defaults.maxLength() : maxLength;
        if (b < 1 || b > DecodeOptions.MAX_BEAMS) {
            throw outOfRange("beams");
        }
        if (m < 1 || m > DecodeOptions.MAX_LENGTH) {
            throw outOfRange("maxLength");
        }
        return new DecodeOptions(b, m);
    }

    private static ApiException outOfRange(String field) {
        return switch (field) {
            case "beams" -> ApiException.invalid("beams must be between 1 and " + DecodeOptions.MAX_BEAMS);
            case "maxLength" -> ApiException.invalid("maxLength must be between 1 and " + DecodeOptions.MAX_LENGTH);
            default -> ApiException.invalid(field + " is out of range");
        };
    }
}
