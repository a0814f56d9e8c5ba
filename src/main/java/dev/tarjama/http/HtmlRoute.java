package dev.tarjama.http;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tarjama.document.HtmlTranslation;
import dev.tarjama.document.HtmlTranslator;
import dev.tarjama.translation.DecodeOptions;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Set;

/**
 * HTML articles on {@code POST /v1/translate}: a {@code text/html} body (options in the query
 * string) answers translated HTML, or with {@code Accept: application/json} the JSON below; a JSON
 * body {@code {"html": "...", "beams"?, "maxLength"?, "alternatives"?}} answers
 * {@code {"html", "text", "model", "paragraphs" (each with its element "path"), "stats", "consistency"}};
 * a .docx body answers the translated .docx, or with {@code ?format=} the export of the aligned
 * document. Translation itself is {@link dev.tarjama.document}'s; this class only adapts.
 */
final class HtmlRoute {
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final Set<String> FIELDS = Set.of("html", "beams", "maxLength", "alternatives");
    private final Gson gson;
    private final HtmlTranslator translator;
    private final HttpConfig config;
    private final Operations ops;
    private final ExportRoutes exports;
    private final Runnable requireReady;

    HtmlRoute(Gson gson, HtmlTranslator translator, HttpConfig config, Operations ops, ExportRoutes exports,
            Runnable requireReady) {
        this.gson = gson;
        this.translator = translator;
        this.config = config;
        this.ops = ops;
        this.exports = exports;
        this.requireReady = requireReady;
    }

    /**
     * A {@code text/html} body, or a JSON body with {@code html}: translated and answered here (true);
     * any other JSON body: false (a plain-text request).
     */
    boolean translate(Context ctx, String type, String body) {
        if (type.equals("text/html")) {
            DecodeOptions options = TranslateRequest.fromPlainText(body, ctx, config).options();
            requireReady.run();
            ops.charge(ctx, java.util.List.of(body));
            String accept = ctx.header("Accept");
            send(ctx, body, options, ops.remaining(ctx), accept != null && accept.contains("application/json"));
            return true;
        }
        JsonElement json = RequestBody.json(body);
        if (!isHtmlJson(json)) {
            return false;
        }
        JsonObject o = json.getAsJsonObject();
        DecodeOptions options = options(o, config);
        String source = html(o);
        requireReady.run();
        ops.charge(ctx, java.util.List.of(source));
        send(ctx, source, options, ops.remaining(ctx), true);
        return true;
    }

    /** A Word file: the translated file back, or with {@code ?format=} the export of the aligned document. */
    void translateDocx(Context ctx) {
        byte[] body = RequestBody.read(ctx, config.bodyLimitBytes());
        DecodeOptions options = TranslateRequest.fromPlainText("", ctx, config).options();
        java.util.Optional<dev.tarjama.export.ExportFormat> format = ctx.queryParam("format") == null
                ? java.util.Optional.empty() : exports.negotiate(ctx, false);
        requireReady.run();
        var translated = translateDocx(body, options, ops.remaining(ctx));
        ops.charge(ctx, translated.document().paragraphs().stream()
                .map(dev.tarjama.translation.TranslatedParagraph::source).toList());
        if (format.isPresent()) {
            exports.send(ctx, format, translated.document());
            return;
        }
        ctx.status(200);
        ctx.contentType(DOCX);
        ctx.header("Content-Disposition", "attachment; filename=\"translation.docx\"");
        ctx.result(translated.docx());
    }

    /** Whether a JSON body asks for HTML translation. */
    private static boolean isHtmlJson(JsonElement body) {
        return body.isJsonObject() && body.getAsJsonObject().has("html");
    }

    /** The decoding options of an {@code {"html": ...}} body (the same rules as for {@code text}). */
    private static DecodeOptions options(JsonObject body, HttpConfig config) {
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw ApiException.invalid("unknown field '" + field + "' with html; allowed: html, beams, maxLength, alternatives");
            }
        }
        JsonObject asText = body.deepCopy();
        asText.add("text", asText.remove("html"));
        return TranslateRequest.fromJson(asText, config).options();
    }

    /** The HTML of a JSON body (a string). */
    private static String html(JsonObject body) {
        return TranslateRequest.string(body.get("html"), "html");
    }

    private void send(Context ctx, String html, DecodeOptions options, Duration timeout, boolean json) {
        HtmlTranslation t = translator.translate(html, options, timeout);
        if (!json) {
            ctx.status(200);
            ctx.contentType("text/html; charset=utf-8");
            ctx.result(t.html());
            return;
        }
        JsonObject out = new JsonObject();
        out.addProperty("html", t.html());
        out.addProperty("text", t.text());
        JsonObject doc = gson.toJsonTree(t.document()).getAsJsonObject();
        JsonArray paragraphs = doc.getAsJsonArray("paragraphs");
        for (int i = 0; i < paragraphs.size(); i++) {
            paragraphs.get(i).getAsJsonObject().addProperty("path", t.paths().get(i));
        }
        doc.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
        ctx.status(200);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(gson.toJson(out));
    }

    /** A Word file translated into a Word file; a file POI cannot read is a 422. */
    private dev.tarjama.document.DocxTranslator.DocxTranslation translateDocx(byte[] docx, DecodeOptions options, Duration timeout) {
        try {
            return new dev.tarjama.document.DocxTranslator(translator).translate(docx, options, timeout);
        } catch (java.io.UncheckedIOException | org.apache.poi.ooxml.POIXMLException
                | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
            throw ApiException.invalid("the body is not a readable .docx file");
        }
    }

    /** The translated HTML alone (LibreTranslate's {@code format: "html"}). */
    String translatedHtml(String html, DecodeOptions options, Duration timeout) {
        return translator.translate(html, options, timeout).html();
    }
}
