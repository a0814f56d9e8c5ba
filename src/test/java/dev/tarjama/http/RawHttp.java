package dev.tarjama.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that a client library would refuse or normalize
 * (raw paths, NUL bytes, huge headers, lying Content-Length). Every read is bounded by a timeout.
 */
final class RawHttp {
    /** A parsed response; {@code closed}: it said {@code Connection: close} and then did close. */
    record Response(int status, Map<String, String> headers, String body, boolean closed) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    /** Sends {@code request} (ISO-8859-1 bytes) with {@code Connection: close} semantics and reads one response. */
    static Response exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), 10_000);
    }

    static Response exchange(int port, byte[] request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /** Reads one response: status line, headers, then Content-Length bytes (or to EOF). */
    static Response read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null) {
            throw new IOException("connection closed before any response");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean closed;
        String length = headers.get("content-length");
        if (length != null) {
            byte[] b = in.readNBytes(Integer.parseInt(length));
            body.write(b);
            // only a response announcing the close is waited on (a kept-alive connection would just time out)
            closed = "close".equalsIgnoreCase(headers.get("connection")) && closedAfter(in);
        } else {
            in.transferTo(body);
            closed = true;
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8), closed);
    }

    private static boolean closedAfter(InputStream in) {
        try {
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server: closed
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = out.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            out.write(c);
        }
        return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
    }
}
