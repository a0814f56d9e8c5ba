package dev.tarjama.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.tarjama.review.Reason;
import dev.tarjama.review.ReasonCode;
import dev.tarjama.review.Review;
import dev.tarjama.translation.Alternative;
import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an aligned document in the JSON shape {@code POST /v1/translate} returns (possibly edited by
 * a person) back into a {@link TranslatedDocument}, for {@code POST /v1/export}. Every problem is a
 * 422 naming the JSON path, e.g. {@code paragraphs[2].sentences[0].translation must be a string}.
 *
 * <p>Rules, so that every export of the result is internally consistent:
 * <ul>
 *   <li>{@code model.id}, {@code model.revision} and {@code paragraphs} are required; fields this
 *       reader does not know are ignored, and so is {@code update} (it describes the request that
 *       produced the document, not the document);
 *   <li>a paragraph needs {@code index}, {@code start}, {@code end}, {@code source} and
 *       {@code sentences}; offsets are non-negative UTF-16 offsets with {@code start ≤ end},
 *       {@code source} is {@code end - start} long, paragraphs come in order without overlapping
 *       and their indexes increase;
 *   <li>a sentence needs every field the API returns ({@code index, start, end, source, translation,
 *       score, cached, split}; {@code passthrough} and a paragraph's {@code sourceLanguage} are
 *       optional; {@code alternatives} when present is kept, each with a
 *       {@code translation} and a finite {@code score}); it lies inside its paragraph, after the
 *       previous sentence, its {@code source} is the paragraph's text at its offsets, and indexes
 *       increase;
 *   <li>a paragraph's {@code translation} is derived from its sentences (their non-empty translations
 *       joined by single spaces): it may be omitted, and if given it must agree, so that an edit made
 *       in only one of the two places is reported rather than lost. A paragraph without sentences
 *       must give its translation;
 *   <li>{@code stats} is optional and recomputed: {@code sentences} and {@code cached} are counted,
 *       {@code elapsedMs} is kept (0 when absent).
 * </ul>
 */
final class DocumentJson {
    private DocumentJson() {}

    /** The validated, normalized document. */
    static TranslatedDocument read(JsonElement body) {
        JsonObject root = object(body, "the request body");
        JsonObject model = object(required(root, "model", "model"), "model");
        TranslatedDocument.ModelRef ref = new TranslatedDocument.ModelRef(
                TranslateRequest.string(required(model, "id", "model.id"), "model.id"),
                TranslateRequest.string(required(model, "revision", "model.revision"), "model.revision"));
        long elapsedMs = 0;
        if (root.has("stats") && !root.get("stats").isJsonNull()) {
            JsonObject stats = object(root.get("stats"), "stats");
            if (stats.has("elapsedMs")) {
                elapsedMs = nonNegative(stats.get("elapsedMs"), "stats.elapsedMs", Long.MAX_VALUE);
            }
        }
        JsonArray array = array(required(root, "paragraphs", "paragraphs"), "paragraphs");
        List<TranslatedParagraph> paragraphs = new ArrayList<>(array.size());
        int sentences = 0;
        int cached = 0;
        for (int i = 0; i < array.size(); i++) {
            TranslatedParagraph p = paragraph(array.get(i), "paragraphs[" + i + "]");
            if (!paragraphs.isEmpty()) {
                TranslatedParagraph previous = paragraphs.get(paragraphs.size() - 1);
                if (p.index() <= previous.index()) {
                    throw invalid("paragraphs[" + i + "].index must be greater than the previous paragraph's ("
                            + previous.index() + "), got " + p.index());
                }
                if (p.start() < previous.end()) {
                    throw invalid("paragraphs[" + i + "].start (" + p.start() + ") overlaps the previous paragraph, which ends at "
                            + previous.end());
                }
            }
            paragraphs.add(p);
            sentences += p.sentences().size();
            cached += (int) p.sentences().stream().filter(TranslatedSentence::cached).count();
        }
        return new TranslatedDocument(ref, paragraphs, new TranslatedDocument.DocumentStats(sentences, cached, elapsedMs));
    }

    private static TranslatedParagraph paragraph(JsonElement e, String path) {
        JsonObject o = object(e, path);
        Span span = span(o, path);
        int index = span.index();
        int start = span.start();
        int end = span.end();
        String source = span.source();
        JsonArray array = array(required(o, "sentences", path + ".sentences"), path + ".sentences");
        List<TranslatedSentence> sentences = new ArrayList<>(array.size());
        StringBuilder derived = new StringBuilder();
        for (int i = 0; i < array.size(); i++) {
            String at = path + ".sentences[" + i + "]";
            TranslatedSentence s = sentence(array.get(i), at);
            if (s.start() < start || s.end() > end) {
                throw invalid(at + " [" + s.start() + ", " + s.end() + ") must lie inside its paragraph [" + start + ", " + end + ")");
            }
            if (!sentences.isEmpty()) {
                TranslatedSentence previous = sentences.get(sentences.size() - 1);
                if (s.index() <= previous.index()) {
                    throw invalid(at + ".index must be greater than the previous sentence's (" + previous.index() + "), got " + s.index());
                }
                if (s.start() < previous.end()) {
                    throw invalid(at + ".start (" + s.start() + ") overlaps the previous sentence, which ends at " + previous.end());
                }
            }
            if (!source.substring(s.start() - start, s.end() - start).equals(s.source())) {
                throw invalid(at + ".source is not the paragraph's text at [" + s.start() + ", " + s.end()
                        + "); the source and offsets must stay as /v1/translate returned them");
            }
            if (!s.translation().isEmpty()) {
                if (derived.length() > 0) {
                    derived.append(' ');
                }
                derived.append(s.translation());
            }
            sentences.add(s);
        }
        String translation;
        JsonElement given = o.get("translation");
        if (given == null || given.isJsonNull()) {
            if (sentences.isEmpty()) {
                throw invalid(path + ".translation is required when the paragraph has no sentences");
            }
            translation = derived.toString();
        } else {
            translation = TranslateRequest.string(given, path + ".translation");
            if (!sentences.isEmpty() && !translation.equals(derived.toString())) {
                throw invalid(path + ".translation does not match its sentences' translations joined by single spaces;"
                        + " edit the sentences' translations and update or omit the paragraph's");
            }
        }
        String language = o.has("sourceLanguage") && !o.get("sourceLanguage").isJsonNull()
                ? string(o, "sourceLanguage", path) : null;
        return new TranslatedParagraph(index, start, end, source, translation, sentences, language);
    }

    private static TranslatedSentence sentence(JsonElement e, String path) {
        JsonObject o = object(e, path);
        Span span = span(o, path);
        String translation = string(o, "translation", path);
        double value = finite(required(o, "score", path + ".score"), path + ".score");
        return new TranslatedSentence(span.index(), span.start(), span.end(), span.source(), translation, value,
                bool(o, "cached", path), bool(o, "split", path),
                o.has("passthrough") && !o.get("passthrough").isJsonNull() && bool(o, "passthrough", path), review(o.get("review"), path + ".review"),
                alternatives(o.get("alternatives"), path + ".alternatives"));
    }

    /**
     * Optional review: {@code {"needed": bool, "reasons": [{"code", "message", "items"?}]}}; null when
     * absent. An editor clears a flag with {@code "needed": false} (its reasons are then dropped).
     */
    private static Review review(JsonElement e, String path) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        JsonObject o = object(e, path);
        if (!bool(o, "needed", path)) {
            return new Review(false, List.of());
        }
        JsonArray array = array(required(o, "reasons", path + ".reasons"), path + ".reasons");
        List<Reason> reasons = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = path + ".reasons[" + i + "]";
            JsonObject r = object(array.get(i), at);
            String code = string(r, "code", at);
            ReasonCode known = Arrays.stream(ReasonCode.values()).filter(c -> c.id().equals(code)).findFirst()
                    .orElseThrow(() -> invalid(at + ".code is not a known reason code: " + code));
            String message = string(r, "message", at);
            if (message.isBlank()) {
                throw invalid(at + ".message must not be blank");
            }
            List<String> items = new ArrayList<>();
            if (r.has("items") && !r.get("items").isJsonNull()) {
                JsonArray it = array(r.get("items"), at + ".items");
                for (int j = 0; j < it.size(); j++) {
                    items.add(TranslateRequest.string(it.get(j), at + ".items[" + j + "]"));
                }
            }
            reasons.add(new Reason(known, message, items));
        }
        if (reasons.isEmpty()) {
            throw invalid(path + ".reasons must not be empty when needed is true");
        }
        return Review.of(reasons);
    }

    /** Optional n-best list: an array of {@code {"translation": string, "score": finite number}}; null when absent. */
    private static List<Alternative> alternatives(JsonElement e, String path) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        JsonArray array = array(e, path);
        List<Alternative> list = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            JsonObject o = object(array.get(i), at);
            list.add(new Alternative(string(o, "translation", at), finite(required(o, "score", at + ".score"), at + ".score")));
        }
        return list;
    }

    private static double finite(JsonElement e, String path) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw invalid(path + " must be a number");
        }
        double value = e.getAsDouble();
        if (!Double.isFinite(value)) {
            throw invalid(path + " must be a finite number");
        }
        return value;
    }

    /** The fields paragraphs and sentences share: index, start, end and source, checked together. */
    private record Span(int index, int start, int end, String source) {}

    private static Span span(JsonObject o, String path) {
        int index = integer(o, "index", path);
        int start = integer(o, "start", path);
        int end = integer(o, "end", path);
        String source = string(o, "source", path);
        checkSpan(start, end, source, path);
        return new Span(index, start, end, source);
    }

    private static void checkSpan(int start, int end, String source, String path) {
        if (end < start) {
            throw invalid(path + ".end (" + end + ") must not be less than " + path + ".start (" + start + ")");
        }
        if (source.length() != end - start) {
            throw invalid(path + ".source is " + source.length() + " UTF-16 units long but its offsets ["
                    + start + ", " + end + ") span " + (end - start));
        }
    }

    private static JsonElement required(JsonObject o, String field, String path) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            throw invalid(path + " is required");
        }
        return e;
    }

    private static JsonObject object(JsonElement e, String path) {
        if (!e.isJsonObject()) {
            throw invalid(path + " must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonElement e, String path) {
        if (!e.isJsonArray()) {
            throw invalid(path + " must be an array");
        }
        return e.getAsJsonArray();
    }

    private static String string(JsonObject o, String field, String path) {
        String at = path + "." + field;
        return TranslateRequest.string(required(o, field, at), at);
    }

    private static boolean bool(JsonObject o, String field, String path) {
        JsonElement e = required(o, field, path + "." + field);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw invalid(path + "." + field + " must be true or false");
        }
        return e.getAsBoolean();
    }

    private static int integer(JsonObject o, String field, String path) {
        String at = path + "." + field;
        return (int) nonNegative(required(o, field, at), at, Integer.MAX_VALUE);
    }

    private static long nonNegative(JsonElement e, String path, long max) {
        String rule = path + " must be an integer between 0 and " + max;
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw invalid(rule);
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        BigDecimal value;
        try {
            value = new BigDecimal(p.getAsString());
        } catch (NumberFormatException ex) {
            throw invalid(rule);
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw invalid(rule);
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(rule);
        }
        return value.longValueExact();
    }

    private static ApiException invalid(String message) {
        return ApiException.invalid(message);
    }
}
