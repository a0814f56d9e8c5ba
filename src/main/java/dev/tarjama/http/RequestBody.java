package dev.tarjama.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reading request bodies: media type and charset from {@code Content-Type}, the size limit (declared
 * and actual), strict UTF-8 and strict JSON. Every failure is an {@link ApiException}.
 */
final class RequestBody {
    private RequestBody() {}

    /** The media type of {@code Content-Type}, lower case without parameters; 415 when it is missing or not UTF-8. */
    static String mediaType(Context ctx) {
        String header = ctx.header("Content-Type");
        if (header == null || header.isBlank()) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type is required");
        }
        String[] parts = header.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String cs = p.substring(eq + 1).strip().replace("\"", "");
                if (!cs.equalsIgnoreCase("utf-8") && !cs.equalsIgnoreCase("utf8")) {
                    throw new ApiException(415, "unsupported_media_type", "charset must be utf-8, got " + cs);
                }
            }
        }
        return type;
    }

    /**
     * A refused body is still read and discarded up to this many bytes, so that a client that is
     * still sending gets the 413 answer instead of a connection reset; beyond it the connection is
     * closed.
     */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    /** The body bytes, refusing bodies over {@code limit} by Content-Length or by what arrives. */
    static byte[] read(Context ctx, long limit) {
        String declared = ctx.header("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw new ApiException(400, "invalid_request", "Content-Length is not a number");
            }
            if (length > limit) {
                // answered at once (the 413 goes out with Connection: close, see ErrorMapper); what has
                // already arrived is discarded for at most DRAIN_MILLIS, so that a client that sent a
                // body just over the limit reads the answer instead of a reset
                drainArrived(ctx, Math.min(length, DRAIN_LIMIT));
                throw tooLarge(limit);
            }
        }
        Uploads reads = ctx.attribute(Operations.BODY_READS);
        if (reads != null) {
            reads.started(ctx);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = ctx.req().getInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > limit) {
                    drain(ctx, total);
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            throw readFailure(e);
        } finally {
            if (reads != null) {
                reads.finished(ctx);
            }
        }
        ctx.attribute(Operations.BYTES_IN, total);
        return out.toByteArray();
    }

    /**
     * What a failed body read becomes: 408 {@code body_timeout} when Jetty cut a body that stalled
     * past the idle timeout or arrived under the minimum data rate, else 400.
     */
    private static RuntimeException readFailure(Exception e) {
        if (e instanceof ApiException api) {
            return api;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || (t instanceof org.eclipse.jetty.http.HttpException http && http.getCode() == 408)) {
                return new ApiException(408, "body_timeout", "the request body arrived too slowly or stalled; "
                        + "send it at once (see --idle-timeout and --min-body-rate)");
            }
        }
        if (e instanceof RuntimeException r && !(e instanceof org.eclipse.jetty.http.HttpException)) {
            return r;
        }
        return new ApiException(400, "invalid_request", "could not read the request body");
    }

    /** How long a body refused by its declared length is discarded before the 413 goes out. */
    static final long DRAIN_MILLIS = 1_000;
    /** ... or until no byte arrived for this long. */
    static final long DRAIN_PAUSE_MILLIS = 200;

    /**
     * Discards the body bytes that arrive within {@link #DRAIN_MILLIS}, up to {@code max} bytes,
     * never blocking on a client that stopped sending.
     */
    private static void drainArrived(Context ctx, long max) {
        long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
        byte[] buffer = new byte[16384];
        long total = 0;
        try {
            InputStream in = ctx.req().getInputStream();
            long lastByte = System.nanoTime();
            while (total < max && System.nanoTime() < deadline) {
                int ready = in.available();
                if (ready <= 0) {
                    if (System.nanoTime() - lastByte > DRAIN_PAUSE_MILLIS * 1_000_000) {
                        return; // the client is not sending: answer now
                    }
                    Thread.sleep(2);
                    continue;
                }
                lastByte = System.nanoTime();
                int n = in.read(buffer, 0, Math.min(buffer.length, ready));
                if (n < 0) {
                    return;
                }
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or was too slow: nothing more to discard
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads and discards the rest of a refused body, up to {@link #DRAIN_LIMIT} bytes in all. */
    private static void drain(Context ctx, long alreadyRead) {
        byte[] buffer = new byte[16384];
        long total = alreadyRead;
        try {
            InputStream in = ctx.req().getInputStream();
            int n;
            while (total < DRAIN_LIMIT && (n = in.read(buffer)) != -1) {
                total += n;
            }
        } catch (IOException ignored) {
            // the client went away; nothing to drain
        }
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "payload_too_large", "request body is larger than " + limit + " bytes");
    }

    /** Strict UTF-8: malformed or unmappable bytes are an error, never replaced. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "invalid_utf8", "request body is not valid UTF-8");
        }
    }

    /** Strict JSON (no comments, no unquoted names, no key twice in one object, nothing after the value). */
    static JsonElement json(String text) {
        if (text.isBlank()) {
            throw new ApiException(400, "invalid_json", "request body is empty; expected a JSON object");
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonTree.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("trailing data after the JSON value");
            }
            return element;
        } catch (JsonTree.DuplicateKeyException e) {
            throw new ApiException(400, "invalid_json", "request body is not valid JSON: " + e.getMessage());
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new ApiException(400, "invalid_json", "request body is not valid JSON");
        }
    }
}
