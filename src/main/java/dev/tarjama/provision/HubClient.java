package dev.tarjama.provision;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The two hub calls a download needs, over {@link HttpClient}: a repository's metadata at a revision,
 * and one file's bytes at a commit (from an offset, with {@code Range}). Redirects are followed here
 * (at most {@value #MAX_REDIRECTS}), never from https to http, and the token is dropped when a
 * redirect leaves the host (the hub sends large files to a CDN with signed URLs). Every failure becomes
 * a {@link DownloadException} with one readable sentence.
 */
final class HubClient {
    private static final int MAX_REDIRECTS = 10;
    private static final int MAX_METADATA_BYTES = 32 << 20;
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");
    private static final String USER_AGENT = "tarjama/"
            + Objects.requireNonNullElse(HubClient.class.getPackage().getImplementationVersion(), "dev")
            + " (java.net.http)";

    private final HubSettings settings;
    private final HttpClient http;

    HubClient(HubSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Whether {@code repo} is an {@code owner/name} (or bare {@code name}) hub id. */
    static boolean validRepoId(String repo) {
        return REPO.matcher(repo).matches() && !repo.contains("..");
    }

    /** One try at the metadata of {@code repo} at {@code revision} (branch, tag or commit). */
    HubRepoInfo repoInfo(String repo, String revision) {
        URI uri = URI.create(settings.host() + "/api/models/" + repo + "/revision/" + encode(revision) + "?blobs=true");
        HttpResponse<InputStream> r = send(uri, -1, "the description of " + repo);
        try (InputStream body = r.body()) {
            if (r.statusCode() != 200) {
                throw statusError(r, repo, revision, null);
            }
            byte[] bytes = body.readNBytes(MAX_METADATA_BYTES + 1);
            if (bytes.length > MAX_METADATA_BYTES) {
                throw DownloadException.permanent("the description of " + repo + " from " + settings.displayHost()
                        + " is larger than " + (MAX_METADATA_BYTES >> 20) + " MiB");
            }
            return HubRepoInfo.parse(repo, revision, new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw networkError(e, "reading the description of " + repo);
        }
    }

    /**
     * Opens {@code file} of {@code repo} at {@code commit}, from byte {@code offset} on ({@code Range}
     * when positive). The answer is 200 (whole file, also when the server ignores ranges), 206 (the
     * range) or 416 (range not satisfiable); other statuses throw. The caller closes the body.
     */
    HttpResponse<InputStream> openFile(String repo, String commit, String file, long offset) {
        URI uri = URI.create(settings.host() + "/" + repo + "/resolve/" + encode(commit) + "/" + encodePath(file));
        HttpResponse<InputStream> r = send(uri, offset, file);
        int status = r.statusCode();
        if (status == 200 || status == 206 || status == 416) {
            return r;
        }
        closeQuietly(r);
        throw statusError(r, repo, commit, file);
    }

    private HttpResponse<InputStream> send(URI first, long offset, String what) {
        URI uri = first;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET()
                    .timeout(settings.responseTimeout())
                    .header("User-Agent", USER_AGENT);
            if (offset > 0) {
                b.header("Range", "bytes=" + offset + "-");
            }
            if (settings.token().isPresent() && sameOrigin(uri, settings.host())) {
                b.header("Authorization", "Bearer " + settings.token().get());
            }
            HttpResponse<InputStream> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw networkError(e, "fetching " + what);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DownloadException.permanent("download interrupted");
            }
            int status = r.statusCode();
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                return r;
            }
            closeQuietly(r);
            String location = r.headers().firstValue("Location").orElseThrow(() -> DownloadException.permanent(
                    settings.displayHost() + " redirected " + what + " without saying where"));
            if (hop + 1 >= MAX_REDIRECTS) {
                throw DownloadException.permanent("too many redirects while fetching " + what);
            }
            URI next = uri.resolve(location.strip());
            if ("https".equals(uri.getScheme()) && !"https".equals(next.getScheme())) {
                throw DownloadException.permanent("refusing a redirect from https to " + next.getScheme()
                        + " while fetching " + what);
            }
            uri = next;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    }

    private DownloadException statusError(HttpResponse<?> r, String repo, String revision, String file) {
        int status = r.statusCode();
        String host = settings.displayHost();
        String code = r.headers().firstValue("X-Error-Code").orElse("");
        String subject = file == null ? repo : file + " of " + repo;
        return switch (status) {
            case 401 -> DownloadException.permanent(settings.token().isPresent()
                    ? repo + " was not found on " + host + ", or the token in HF_TOKEN may not read it (401)"
                    : repo + " was not found on " + host + ", or it is private or gated: set HF_TOKEN to an access"
                            + " token that may read it (401)");
            case 403 -> DownloadException.permanent("access to " + repo + " on " + host + " is refused (403); for a"
                    + " gated repository accept its terms on the hub and set HF_TOKEN");
            case 404 -> DownloadException.permanent(switch (code) {
                case "RevisionNotFound" -> "revision '" + revision + "' does not exist in " + repo + " on " + host;
                case "EntryNotFound" -> repo + " has no file " + file + " at " + revision;
                default -> file == null
                        ? repo + " was not found on " + host + " (404); check the name, e.g. Helsinki-NLP/opus-mt-ar-en"
                        : subject + " was not found on " + host + " (404)";
            });
            case 408, 425, 429, 500, 502, 503, 504 ->
                new DownloadException(host + " answered " + status + " for " + subject, true);
            default -> DownloadException.permanent(host + " answered " + status + " for " + subject);
        };
    }

    private DownloadException networkError(IOException e, String doing) {
        String host = settings.displayHost();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return new DownloadException("cannot resolve " + host + " while " + doing + ": no network, or a wrong"
                        + " host name (set " + HubSettings.HOST_ENV + " or --host to use a mirror)", false, e);
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new DownloadException("cannot connect to " + host + " (timed out) while " + doing, true, e);
        }
        if (e instanceof ConnectException) {
            return new DownloadException("cannot connect to " + host + " (" + Objects.requireNonNullElse(e.getMessage(),
                    "connection refused") + ") while " + doing + "; check the network, or set "
                    + HubSettings.HOST_ENV + " or --host to use a mirror", true, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new DownloadException(host + " did not answer in time while " + doing, true, e);
        }
        return new DownloadException("connection to " + host + " broke while " + doing + " ("
                + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()) + ")", true, e);
    }

    /** Percent-encodes one path segment (a revision may contain '/', which must be encoded). */
    static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String part : path.split("/", -1)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(encode(part));
        }
        return sb.toString();
    }

    static void closeQuietly(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException ignored) {
            // nothing left to read from a response we do not use
        }
    }
}
