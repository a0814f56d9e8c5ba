package dev.tarjama.http;

import com.google.gson.Gson;
import io.javalin.config.JavalinConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What Jetty itself enforces and answers, below Javalin's routes: the connection limit, the idle
 * timeout and minimum request data rate ({@link ClientLimits}), and the error pages Jetty writes
 * for requests it refuses before any route runs (a NUL or bad escape in the path, a 10 KB path, a
 * 70 KB header, a malformed request line), which come in the API's one JSON error shape instead of
 * Jetty's HTML.
 */
final class JettySettings {
    private JettySettings() {}

    static void install(JavalinConfig c, ClientLimits limits) {
        c.jetty.modifyHttpConfiguration(http -> {
            http.setIdleTimeout(limits.idleTimeout().toMillis());
            http.setMinRequestDataRate(limits.minBodyBytesPerSecond());
        });
        c.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorPages());
            ConnectionLimit limit = new ConnectionLimit(limits.maxConnections(), server);
            limit.setIdleTimeout(Math.min(limits.idleTimeout().toMillis(), 5_000)); // while at the limit
            server.addBean(limit);
            // the connectors are created after this hook, so their idle timeout is set when the server starts
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (Connector connector : ((Server) event).getConnectors()) {
                        if (connector instanceof AbstractConnector a) {
                            a.setIdleTimeout(limits.idleTimeout().toMillis());
                        }
                    }
                }
            });
        });
    }

    /** Jetty's error pages in the API's shape: {@code {"error": {"code", "message"}}}, whatever the Accept header. */
    static final class JsonErrorPages extends ErrorHandler {
        private static final Gson GSON = new Gson();

        JsonErrorPages() {
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.write(true, ByteBuffer.wrap(body(code, message).getBytes(StandardCharsets.UTF_8)), callback);
        }

        /** The JSON body for a status Jetty refused a request with; Jetty's reason is kept when it is short plain text. */
        static String body(int status, String reason) {
            String code = switch (status) {
                case 400 -> "bad_request";
                case 408 -> "request_timeout";
                case 413 -> "payload_too_large";
                case 414 -> "uri_too_long";
                case 431 -> "headers_too_large";
                case 501 -> "not_implemented";
                case 505 -> "http_version_not_supported";
                default -> status >= 500 ? "internal_error" : "http_error";
            };
            String text = switch (status) {
                case 414 -> "the request path is too long";
                case 431 -> "the request headers are too large";
                default -> "the request was refused (" + status + ")";
            };
            if (reason != null && reason.length() <= 120 && reason.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)
                    && !reason.equalsIgnoreCase(org.eclipse.jetty.http.HttpStatus.getMessage(status))) {
                text = text + ": " + reason;
            }
            Map<String, String> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", text);
            return GSON.toJson(Map.of("error", error));
        }
    }
}
