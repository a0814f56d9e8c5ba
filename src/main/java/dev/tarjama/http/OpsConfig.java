package dev.tarjama.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Operational settings of the HTTP API; immutable and validated.
 *
 * @param requestTimeout how long a request may take, from arrival to answer (504 {@code deadline_exceeded})
 * @param apiKeys accepted API keys; {@link ApiKeys#NONE} turns authentication off
 * @param corsOrigins browser origins allowed to call the API cross-origin ({@code https://host[:port]}),
 *     exact matches only; empty: no cross-origin access
 */
public record OpsConfig(Duration requestTimeout, ApiKeys apiKeys, List<String> corsOrigins) {
    /** 60 s per request, no keys, no CORS origins. */
    public static final OpsConfig DEFAULTS = new OpsConfig(Duration.ofSeconds(60), ApiKeys.NONE, List.of());

    public OpsConfig {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.toMillis() < 1 || requestTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("request timeout must be between 1 ms and 1 h, got " + requestTimeout);
        }
        Objects.requireNonNull(apiKeys, "apiKeys");
        corsOrigins = List.copyOf(corsOrigins);
        corsOrigins.forEach(OpsConfig::checkOrigin);
    }

    public OpsConfig withRequestTimeout(Duration value) {
        return new OpsConfig(value, apiKeys, corsOrigins);
    }

    public OpsConfig withApiKeys(ApiKeys value) {
        return new OpsConfig(requestTimeout, value, corsOrigins);
    }

    public OpsConfig withCorsOrigins(List<String> value) {
        return new OpsConfig(requestTimeout, apiKeys, value);
    }

    /** An origin is {@code http(s)://host[:port]} in lower case, without path; {@code *} is refused. */
    static void checkOrigin(String origin) {
        String problem = null;
        if (origin.equals("*")) {
            problem = "'*' is not allowed; list each origin";
        } else {
            try {
                URI u = new URI(origin);
                String scheme = u.getScheme();
                if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null
                        || u.getRawUserInfo() != null || (u.getRawPath() != null && !u.getRawPath().isEmpty())
                        || u.getRawQuery() != null || u.getRawFragment() != null
                        || !origin.equals(origin.toLowerCase(Locale.ROOT))) {
                    problem = "expected http(s)://host[:port] in lower case, without path";
                }
            } catch (java.net.URISyntaxException e) {
                problem = "not a URI";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("invalid CORS origin '" + origin + "': " + problem);
        }
    }
}
