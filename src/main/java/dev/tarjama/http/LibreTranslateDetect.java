package dev.tarjama.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tarjama.language.LanguageIdentifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Language detection answered as LibreTranslate does: {@code POST /detect} with {@code q} gives
 * {@code [{"confidence": 0-100, "language": "ar"}, ...]}, most likely first; {@code source: "auto"}
 * on {@code /translate} gives one such object per text as {@code detectedLanguage}. Languages are
 * those {@link LanguageIdentifier} knows (ar, fa, ur, en, fr); a text without letters gives
 * {@code und} with confidence 0.
 */
final class LibreTranslateDetect {
    static final String PATH = "/detect";

    private LibreTranslateDetect() {}

    /** The best candidate for {@code text}, as LibreTranslate's {@code detectedLanguage}. */
    static Map<String, Object> best(String text) {
        return entry(LanguageIdentifier.shared().detect(text));
    }

    /** Every candidate for {@code text}, most likely first (one {@code und} entry when nothing can be told). */
    static List<Map<String, Object>> candidates(String text) {
        List<LanguageIdentifier.Detection> ranked = LanguageIdentifier.shared().rank(text);
        if (ranked.isEmpty()) {
            return List.of(entry(new LanguageIdentifier.Detection(LanguageIdentifier.UNDETERMINED, 0)));
        }
        List<Map<String, Object>> out = new ArrayList<>(ranked.size());
        for (LanguageIdentifier.Detection d : ranked) {
            out.add(entry(d));
        }
        return out;
    }

    /** {@code q} of a {@code /detect} body (JSON object or form), a string. */
    static String q(JsonElement json) {
        if (!json.isJsonObject()) {
            throw invalid("Invalid request: body must be a JSON object");
        }
        JsonObject o = json.getAsJsonObject();
        JsonElement q = o.get("q");
        if (q == null || q.isJsonNull()) {
            throw invalid("Invalid request: missing q parameter");
        }
        if (!q.isJsonPrimitive() || !q.getAsJsonPrimitive().isString()) {
            throw invalid("Invalid request: q must be a string");
        }
        return q.getAsString();
    }

    /** {@code q} of a form body. */
    static String q(byte[] form) {
        List<String> q = LibreTranslateRequest.parseForm(form).get("q");
        if (q == null) {
            throw invalid("Invalid request: missing q parameter");
        }
        return q.get(0);
    }

    private static Map<String, Object> entry(LanguageIdentifier.Detection d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("confidence", Math.round(d.confidence() * 1000) / 10.0);
        m.put("language", d.language());
        return m;
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_request", message);
    }
}
