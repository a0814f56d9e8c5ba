package dev.tarjama.provision;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the hub is and how to talk to it.
 *
 * @param host base URL, e.g. {@code https://huggingface.co} or a mirror; no trailing slash
 * @param token optional access token, sent as {@code Authorization: Bearer} to the host only (never to
 *     a redirect target on another host, never printed)
 * @param connectTimeout TCP/TLS connect limit
 * @param responseTimeout limit for the answer to each request, and for any pause in a file's bytes
 *     (a stalled transfer is dropped and resumed)
 */
public record HubSettings(URI host, Optional<String> token, Duration connectTimeout, Duration responseTimeout) {
    public static final String DEFAULT_HOST = "https://huggingface.co";
    /** Environment variables that name the host, first match wins. */
    public static final String HOST_ENV = "TARJAMA_HF_HOST";
    public static final String HF_ENDPOINT_ENV = "HF_ENDPOINT";
    public static final String TOKEN_ENV = "HF_TOKEN";

    public HubSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        String scheme = host.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || host.getHost() == null) {
            throw new IllegalArgumentException("hub host must be an http(s) URL such as " + DEFAULT_HOST
                    + ", got '" + host + "'");
        }
        if (host.getQuery() != null || host.getFragment() != null) {
            throw new IllegalArgumentException("hub host must not have a query or fragment, got '" + host + "'");
        }
        String s = host.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        host = URI.create(s);
        token = token.map(String::strip).filter(t -> !t.isEmpty());
    }

    /**
     * Settings from an explicit host (e.g. {@code --host}), else {@code TARJAMA_HF_HOST}, else
     * {@code HF_ENDPOINT}, else {@value #DEFAULT_HOST}; the token from {@code HF_TOKEN}.
     *
     * @throws IllegalArgumentException for a malformed host
     */
    public static HubSettings resolve(Optional<String> hostArg, Map<String, String> env) {
        String host = hostArg.filter(h -> !h.isBlank())
                .or(() -> nonBlank(env.get(HOST_ENV)))
                .or(() -> nonBlank(env.get(HF_ENDPOINT_ENV)))
                .orElse(DEFAULT_HOST).strip();
        URI uri;
        try {
            uri = URI.create(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hub host is not a URL: '" + host + "'");
        }
        return new HubSettings(uri, nonBlank(env.get(TOKEN_ENV)), Duration.ofSeconds(15), Duration.ofSeconds(60));
    }

    /** The host for messages: without any user-info part. */
    public String displayHost() {
        return host.getScheme() + "://" + host.getHost() + (host.getPort() >= 0 ? ":" + host.getPort() : "")
                + (host.getRawPath() == null ? "" : host.getRawPath());
    }

    /** Same settings with other timeouts. */
    public HubSettings withTimeouts(Duration connect, Duration response) {
        return new HubSettings(host, token, connect, response);
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "HubSettings[host=" + displayHost() + ", token=" + (token.isPresent() ? "<set>" : "<none>") + "]";
    }
}
