package dev.tarjama.http;

import com.google.gson.Gson;
import dev.tarjama.export.ExportContext;
import dev.tarjama.export.ExportFormat;
import dev.tarjama.export.ExportOptions;
import dev.tarjama.export.Exporters;
import dev.tarjama.translation.TranslatedDocument;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Exports over HTTP: choosing the response format of {@code POST /v1/translate}, and
 * {@code POST /v1/export}, which renders an already translated (possibly hand-edited) JSON document
 * without translating anything.
 *
 * <p>The format comes from the {@code format} query parameter ({@code json} or an
 * {@link ExportFormat} name, case-insensitive; an unknown name is a 422 naming {@code format}), else
 * from {@code Accept} (see {@link #negotiate}); JSON is the default. Exports are answered with the
 * format's {@code Content-Type}, {@code Content-Disposition: attachment; filename="…"} (a slug of the
 * English title), {@code X-Content-Type-Options: nosniff} and {@code Content-Security-Policy: sandbox}
 * (an HTML export opened from this origin can run nothing). Errors stay JSON in the API's shape.
 */
final class ExportRoutes {
    static final String EXPORT_PATH = "/v1/export";
    static final String FORMAT_NAMES = "json, " + Arrays.stream(ExportFormat.values())
            .map(ExportFormat::requestName).collect(Collectors.joining(", "));

    private final Gson gson;
    private final HttpConfig config;

    ExportRoutes(Gson gson, HttpConfig config) {
        this.gson = gson;
        this.config = config;
    }

    void register(RoutesConfig routes) {
        routes.post(EXPORT_PATH, this::export);
    }

    /**
     * The export format the request asks for; empty means JSON. An explicit {@code format} wins over
     * {@code Accept}. Without it, {@link ExportFormat#fromAcceptHeader} picks an export; when it picks
     * none, JSON is used if {@code Accept} is absent or admits {@code application/json} (directly or
     * through {@code application/*} or {@code *}{@code /*}), otherwise the answer is 406.
     *
     * @param batch a {@code texts} batch, which is answered in JSON only: an explicit export format is
     *     a 422, an {@code Accept} that rules out JSON a 406
     */
    Optional<ExportFormat> negotiate(Context ctx, boolean batch) {
        String vary = ctx.res().getHeader("Vary");
        ctx.header("Vary", vary == null || vary.isBlank() ? "Accept" : vary + ", Accept");
        String name = ctx.queryParam("format");
        if (name != null) {
            if (name.strip().equalsIgnoreCase("json")) {
                return Optional.empty();
            }
            ExportFormat format = ExportFormat.fromName(name).orElseThrow(() -> ApiException.invalid(
                    "format must be one of " + FORMAT_NAMES + "; got '" + name + "'"));
            if (batch) {
                throw ApiException.invalid("format=" + format.requestName() + " needs a single article (text);"
                        + " a texts batch is answered in JSON only: send one request per article for exports");
            }
            options(ctx); // a bad option is refused before any translating
            return Optional.of(format);
        }
        String accept = ctx.header("Accept");
        Optional<ExportFormat> format = ExportFormat.fromAcceptHeader(accept);
        if (format.isPresent() && !batch) {
            return format;
        }
        if (!acceptsJson(accept)) {
            throw new ApiException(406, "not_acceptable", batch
                    ? "a texts batch is answered as application/json only, which Accept rules out"
                    : "cannot produce anything Accept allows; available: application/json, "
                            + Arrays.stream(ExportFormat.values()).filter(f -> f != ExportFormat.XLIFF12)
                                    .map(f -> f.contentType().split(";")[0]).collect(Collectors.joining(", "))
                            + " (or use ?format=)");
        }
        return Optional.empty();
    }

    /**
     * The export options from the query: {@code formulas=escape} (default) or {@code keep} (CSV/TSV
     * text starting like a formula is written unchanged), {@code bom=true} (default) or {@code false}
     * (CSV without a byte order mark); a bad value is a 422 naming the parameter.
     */
    static ExportOptions options(Context ctx) {
        String formulas = ctx.queryParam("formulas");
        String bom = ctx.queryParam("bom");
        boolean escape = formulas == null || choice("formulas", formulas, "escape", "keep");
        boolean withBom = bom == null || choice("bom", bom, "true", "false");
        return new ExportOptions(escape, withBom);
    }

    private static boolean choice(String parameter, String value, String yes, String no) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!v.equals(yes) && !v.equals(no)) {
            throw ApiException.invalid(parameter + " must be " + yes + " or " + no + "; got '" + value + "'");
        }
        return v.equals(yes);
    }

    /** Whether {@code Accept} admits {@code application/json}: absent, or a range with q > 0 matches it and none refuses it with q = 0. */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        boolean admitted = false;
        for (String part : accept.split(",")) {
            String[] params = part.split(";");
            String range = params[0].strip().toLowerCase(Locale.ROOT);
            if (!range.equals("application/json") && !range.equals("application/*") && !range.equals("*/*") && !range.equals("*")) {
                continue;
            }
            double q = quality(params);
            if (range.equals("application/json") && q <= 0) {
                return false; // the most specific range refuses JSON outright
            }
            admitted |= q > 0;
        }
        return admitted;
    }

    private static double quality(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    return Double.parseDouble(p.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** Answers with {@code doc} in {@code format}, or as JSON when empty. */
    void send(Context ctx, Optional<ExportFormat> format, TranslatedDocument doc) {
        if (format.isEmpty()) {
            ctx.status(200);
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(gson.toJson(doc));
            return;
        }
        ExportFormat f = format.get();
        byte[] bytes = Exporters.toBytes(doc, f, ExportContext.now(null).withOptions(options(ctx)));
        ctx.status(200);
        ctx.contentType(f.contentType());
        ctx.header("Content-Disposition", Exporters.contentDisposition(doc, f));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "sandbox");
        ctx.result(bytes);
    }

    private void export(Context ctx) {
        String type = RequestBody.mediaType(ctx);
        if (!type.equals("application/json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "Content-Type must be application/json; charset=utf-8 (a document as /v1/translate returns it), got " + type);
        }
        Optional<ExportFormat> format = negotiate(ctx, false);
        String body = RequestBody.utf8(RequestBody.read(ctx, config.bodyLimitBytes()));
        TranslatedDocument doc = DocumentJson.read(RequestBody.json(body));
        send(ctx, format, doc);
    }
}
