package dev.tarjama.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated LibreTranslate {@code POST /translate} request: {@code q} (a string or an array of
 * strings), {@code source} ({@code ar} or {@code auto}), {@code target} ({@code en}), {@code format}
 * ({@code text}, the default, or {@code html}: the texts are HTML, translated with their markup). {@code alternatives} is accepted and ignored;
 * so is {@code api_key} while API keys are off (with keys on, {@link HttpApi} refuses a body that
 * carries one: keys go in headers only).
 */
record LibreTranslateRequest(List<String> q, boolean array, boolean auto, boolean html) {

    LibreTranslateRequest {
        q = List.copyOf(q);
    }

    static LibreTranslateRequest fromJson(JsonElement body, HttpConfig config) {
        if (!body.isJsonObject()) {
            throw invalid("Invalid request: body must be a JSON object");
        }
        JsonObject o = body.getAsJsonObject();
        JsonElement q = o.get("q");
        if (q == null || q.isJsonNull()) {
            throw invalid("Invalid request: missing q parameter");
        }
        List<String> texts = new ArrayList<>();
        boolean array = q.isJsonArray();
        if (array) {
            JsonArray a = q.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                texts.add(string(a.get(i), "q[" + i + "]"));
            }
        } else {
            texts.add(string(q, "q"));
        }
        return validate(texts, array, optional(o, "source"), optional(o, "target"), optional(o, "format"), config);
    }

    /** From an {@code application/x-www-form-urlencoded} body (already strict UTF-8); a repeated {@code q} is an array. */
    static LibreTranslateRequest fromForm(byte[] body, HttpConfig config) {
        Map<String, List<String>> form = parseForm(body);
        List<String> q = form.get("q");
        if (q == null) {
            throw invalid("Invalid request: missing q parameter");
        }
        return validate(q, q.size() > 1, first(form, "source"), first(form, "target"), first(form, "format"), config);
    }

    private static LibreTranslateRequest validate(List<String> q, boolean array, String source, String target,
            String format, HttpConfig config) {
        if (source == null) {
            throw invalid("Invalid request: missing source parameter");
        }
        if (target == null) {
            throw invalid("Invalid request: missing target parameter");
        }
        if (!source.equals("ar") && !source.equals("auto")) {
            throw invalid("source must be ar or auto; this server translates Arabic only (got " + source + ")");
        }
        if (!target.equals("en")) {
            throw invalid("target must be en; this server translates into English only (got " + target + ")");
        }
        if (format != null && !format.equals("text") && !format.equals("html")) {
            throw invalid("format " + format + " is not supported; only text or html");
        }
        if (q.size() > config.maxTexts()) {
            throw invalid("q must have at most " + config.maxTexts() + " items, got " + q.size());
        }
        return new LibreTranslateRequest(q, array, source.equals("auto"), "html".equals(format));
    }

    private static String optional(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? null : string(e, field);
    }

    private static String string(JsonElement e, String field) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw invalid("Invalid request: " + field + " must be a string");
        }
        return e.getAsString();
    }

    /** Whether a form body has the field (used to refuse {@code api_key} when keys are on). */
    static boolean hasFormField(byte[] body, String name) {
        return parseForm(body).containsKey(name);
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null ? null : values.get(0);
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    /** Percent-decodes {@code a=b&c=d} into bytes first, then decodes them as strict UTF-8. */
    static Map<String, List<String>> parseForm(byte[] body) {
        String ascii = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (ascii.isEmpty()) {
            return form;
        }
        for (String pair : ascii.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw invalid("Invalid request: bad percent-encoding in form body");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw invalid("Invalid request: bad percent-encoding in form body");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return RequestBody.utf8(bytes.toByteArray());
    }
}
