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
 * articles, and the decoding options.
 */
record TranslateRequest(List<String> texts, boolean batch, DecodeOptions options) {
    private static final Set<String> FIELDS = Set.of("text", "texts", "beams", "maxLength");

    TranslateRequest {
        texts = List.copyOf(texts);
    }

    /** From a JSON object body: {@code text} or {@code texts}, optional {@code beams} and {@code maxLength}. */
    static TranslateRequest fromJson(JsonElement body, HttpConfig config) {
        if (!body.isJsonObject()) {
            throw ApiException.invalid("request body must be a JSON object");
        }
        JsonObject o = body.getAsJsonObject();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            if (!FIELDS.contains(e.getKey())) {
                throw ApiException.invalid("unknown field '" + e.getKey() + "'; allowed: text, texts, beams, maxLength");
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
        DecodeOptions options = options(
                o.has("beams") ? integer(o.get("beams"), "beams") : null,
                o.has("maxLength") ? integer(o.get("maxLength"), "maxLength") : null,
                config.defaultOptions());
        if (hasText) {
            return new TranslateRequest(List.of(string(o.get("text"), "text")), false, options);
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
        return new TranslateRequest(list, true, options);
    }

    /** From a {@code text/plain} body, with options in the query string. */
    static TranslateRequest fromPlainText(String body, Context ctx, HttpConfig config) {
        return new TranslateRequest(List.of(body), false, options(
                queryInteger(ctx, "beams"), queryInteger(ctx, "maxLength"), config.defaultOptions()));
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
        return field.equals("beams")
                ? ApiException.invalid("beams must be between 1 and " + DecodeOptions.MAX_BEAMS)
                : ApiException.invalid("maxLength must be between 1 and " + DecodeOptions.MAX_LENGTH);
    }
}
