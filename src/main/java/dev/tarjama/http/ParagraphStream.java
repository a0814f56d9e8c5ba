package dev.tarjama.http;

import com.google.gson.Gson;
import dev.tarjama.glossary.Glossary;
import dev.tarjama.translation.Caller;
import dev.tarjama.translation.RequestTooCostlyException;
import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslationService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Streams an article's translation paragraph by paragraph, as soon as each is done and in order:
 * NDJSON ({@code Accept: application/x-ndjson}) or server-sent events ({@code text/event-stream}).
 * Every line carries {@code progress: {done, total}}; the last one is a summary with the model and
 * stats. An error after streaming began is sent as a final {@code error} line (the status is already
 * 200), so a client never takes a cut-off stream for a complete one.
 */
final class ParagraphStream {
    enum Kind {
        NDJSON("application/x-ndjson"),
        SSE("text/event-stream");

        final String mediaType;

        Kind(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    private final Gson gson;
    private final ErrorMapper errors;

    ParagraphStream(Gson gson, ErrorMapper errors) {
        this.gson = gson;
        this.errors = errors;
    }

    /** The stream kind the {@code Accept} header asks for, if any. */
    static Optional<Kind> requested(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null) {
            return Optional.empty();
        }
        String a = accept.toLowerCase(Locale.ROOT);
        if (a.contains(Kind.NDJSON.mediaType)) {
            return Optional.of(Kind.NDJSON);
        }
        if (a.contains(Kind.SSE.mediaType)) {
            return Optional.of(Kind.SSE);
        }
        return Optional.empty();
    }

    void write(Context ctx, Kind kind, TranslationService service, TranslateRequest request, Glossary glossary,
            java.time.Duration timeout, Caller caller) {
        String text = request.texts().get(0);
        ctx.status(200);
        ctx.res().setContentType(kind.mediaType + "; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out;
        try {
            out = ctx.res().getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int total = service.paragraphCount(text);
        int[] done = {0};
        try {
            TranslatedDocument doc = service.translateStream(text, request.options(), glossary, timeout, caller, paragraph -> {
                done[0]++;
                emit(out, kind, "paragraph", line("paragraph", paragraph, done[0], total));
            });
            Map<String, Object> summary = line("summary", null, done[0], total);
            summary.put("model", doc.model());
            summary.put("stats", doc.stats());
            summary.put("consistency", doc.consistency());
            emit(out, kind, "summary", summary);
        } catch (ClientGone gone) {
            // the client disconnected: stop; nothing more can be sent
        } catch (RequestTooCostlyException e) {
            throw e; // refused before anything was queued or sent: a plain 422 answer (ErrorMapper)
        } catch (RuntimeException e) {
            Map<String, Object> error = line("error", null, done[0], total);
            ErrorMapper.Classified c = errors.classify(e, ctx);
            error.put("error", Map.of("code", c.code(), "message", c.message()));
            try {
                emit(out, kind, "error", error);
            } catch (ClientGone ignored) {
                // nothing to tell
            }
        }
    }

    private static Map<String, Object> line(String type, TranslatedParagraph paragraph, int done, int total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        if (paragraph != null) {
            m.put("paragraph", paragraph);
        }
        m.put("progress", Map.of("done", done, "total", total));
        return m;
    }

    private void emit(OutputStream out, Kind kind, String event, Object value) {
        String json = gson.toJson(value);
        String frame = kind == Kind.NDJSON ? json + "\n" : "event: " + event + "\ndata: " + json + "\n\n";
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** The client closed the connection mid-stream. */
    private static final class ClientGone extends RuntimeException {
        ClientGone(IOException cause) {
            super(cause);
        }
    }
}
