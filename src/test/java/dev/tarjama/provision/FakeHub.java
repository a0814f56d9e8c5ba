package dev.tarjama.provision;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process Hugging Face hub on 127.0.0.1 for tests: {@code /api/models/{repo}/revision/{rev}}
 * answers like the real hub (sha, siblings with size, blobId and lfs.sha256, all computed here from
 * the served bytes) and {@code /{repo}/resolve/{rev}/{file}} serves the bytes, with Range. Faults can
 * be switched on: cut a file's body after some bytes, ignore Range, corrupt a file, answer 503, and
 * send LFS files through a redirect to "another host" (localhost instead of 127.0.0.1), list files
 * without size or digest (a bare mirror), and serve a file as a stream of zeros.
 */
final class FakeHub implements AutoCloseable {
    /** One request as the hub saw it. */
    record Request(String path, String range, String authorization) {}

    private static final Pattern API = Pattern.compile("/api/models/(.+)/revision/([^/]+)");
    private static final Pattern RESOLVE = Pattern.compile("/(.+?/[^/]+)/resolve/([^/]+)/(.+)");
    private static final Pattern CDN = Pattern.compile("/cdn/([0-9a-f]{40})/(.+)");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Map<String, String>> refs = new HashMap<>();
    private final Map<String, Map<String, Map<String, byte[]>>> commits = new HashMap<>();
    private final Map<String, String> descriptions = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Integer> cutsLeft = new HashMap<>();
    private final Map<String, Integer> cutAt = new HashMap<>();
    private final Set<String> corrupt = new HashSet<>();
    private final Map<String, Integer> stallsLeft = new HashMap<>();
    private int unavailableLeft;
    private boolean ignoreRange;
    private boolean redirectLfs;
    private boolean bareListing;
    private final Map<String, long[]> zeros = new HashMap<>(); // file -> {bytes, 1 if Content-Length is sent}

    FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds a commit of {@code repo} holding {@code files}, reachable under each of {@code names}. */
    synchronized FakeHub commit(String repo, String commit, Map<String, byte[]> files, String... names) {
        commits.computeIfAbsent(repo, r -> new HashMap<>()).put(commit, new LinkedHashMap<>(files));
        descriptions.put(commit, describe(repo, commit, files));
        for (String n : names) {
            refs.computeIfAbsent(repo, r -> new HashMap<>()).put(n, commit);
        }
        return this;
    }

    /** The first {@code times} transfers of {@code file} stop after {@code bytes} bytes. */
    synchronized FakeHub cut(String file, int bytes, int times) {
        cutAt.put(file, bytes);
        cutsLeft.put(file, times);
        return this;
    }

    /** The first {@code times} transfers of {@code file} stop sending after {@code bytes} bytes and hang. */
    synchronized FakeHub stall(String file, int bytes, int times) {
        cutAt.put(file, bytes);
        stallsLeft.put(file, times);
        return this;
    }

    synchronized FakeHub corrupt(String file) {
        corrupt.add(file);
        return this;
    }

    synchronized FakeHub ignoreRange() {
        ignoreRange = true;
        return this;
    }

    synchronized FakeHub unavailable(int times) {
        unavailableLeft = times;
        return this;
    }

    synchronized FakeHub redirectLfsToOtherHost() {
        redirectLfs = true;
        return this;
    }

    /** The listing names the files only: no size, no blob id, no LFS digest (as a bare mirror may). */
    synchronized FakeHub bareListing() {
        bareListing = true;
        return this;
    }

    /** {@code file} is served as {@code bytes} zero bytes, with or without a Content-Length (then chunked). */
    synchronized FakeHub zeros(String file, long bytes, boolean withLength) {
        zeros.put(file, new long[] {bytes, withLength ? 1 : 0});
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Request> requestsFor(String file) {
        return requests.stream().filter(r -> r.path().endsWith("/" + file)).toList();
    }

    /** The files of the fixture model directory, read from disk. */
    static Map<String, byte[]> filesOf(Path dir, String... names) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, Files.readAllBytes(dir.resolve(n)));
        }
        return m;
    }

    static boolean isLfs(String name) {
        return name.endsWith(".safetensors") || name.endsWith(".bin") || name.endsWith(".spm");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            synchronized (this) {
                requests.add(new Request(path, ex.getRequestHeaders().getFirst("Range"),
                        ex.getRequestHeaders().getFirst("Authorization")));
                if (unavailableLeft > 0) {
                    unavailableLeft--;
                    send(ex, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8), Map.of());
                    return;
                }
            }
            Matcher m;
            if ((m = API.matcher(path)).matches()) {
                api(ex, m.group(1), decode(m.group(2)));
            } else if ((m = RESOLVE.matcher(path)).matches()) {
                resolve(ex, m.group(1), decode(m.group(2)), m.group(3), false);
            } else if ((m = CDN.matcher(path)).matches()) {
                String repo = ex.getRequestURI().getQuery().substring("repo=".length());
                resolve(ex, repo, m.group(1), m.group(2), true);
            } else {
                send(ex, 404, "text/plain", new byte[0], Map.of());
            }
        }
    }

    private void api(HttpExchange ex, String repo, String rev) throws IOException {
        String commit = commitOf(repo, rev);
        if (commit == null) {
            send(ex, 404, "application/json", "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8),
                    Map.of("X-Error-Code", commits.containsKey(repo) ? "RevisionNotFound" : "RepoNotFound"));
            return;
        }
        String description = descriptions.get(commit);
        synchronized (this) {
            if (bareListing) {
                JsonObject o = com.google.gson.JsonParser.parseString(description).getAsJsonObject();
                JsonArray bare = new JsonArray();
                for (var sibling : o.getAsJsonArray("siblings")) {
                    JsonObject named = new JsonObject();
                    named.add("rfilename", sibling.getAsJsonObject().get("rfilename"));
                    bare.add(named);
                }
                o.add("siblings", bare);
                description = o.toString();
            }
        }
        send(ex, 200, "application/json", description.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The API answer for one commit, computed once from the served bytes. */
    private static String describe(String repo, String commit, Map<String, byte[]> files) {
        JsonObject o = new JsonObject();
        o.addProperty("id", repo);
        o.addProperty("sha", commit);
        JsonArray siblings = new JsonArray();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            JsonObject s = new JsonObject();
            s.addProperty("rfilename", f.getKey());
            s.addProperty("size", f.getValue().length);
            if (isLfs(f.getKey())) {
                String sha256 = hex("SHA-256", f.getValue());
                String pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256 + "\nsize "
                        + f.getValue().length + "\n";
                s.addProperty("blobId", gitBlob(pointer.getBytes(StandardCharsets.UTF_8)));
                JsonObject lfs = new JsonObject();
                lfs.addProperty("sha256", sha256);
                lfs.addProperty("size", f.getValue().length);
                lfs.addProperty("pointerSize", pointer.length());
                s.add("lfs", lfs);
            } else {
                s.addProperty("blobId", gitBlob(f.getValue()));
            }
            siblings.add(s);
        }
        o.add("siblings", siblings);
        return o.toString();
    }

    private void resolve(HttpExchange ex, String repo, String rev, String file, boolean viaCdn) throws IOException {
        String commit = commitOf(repo, rev);
        byte[] content = commit == null ? null : commits.get(repo).get(commit).get(file);
        if (content == null) {
            send(ex, 404, "text/plain", new byte[0], Map.of("X-Error-Code", "EntryNotFound"));
            return;
        }
        if (!viaCdn && redirectLfs && isLfs(file)) {
            String to = "http://localhost:" + server.getAddress().getPort() + "/cdn/" + commit + "/" + file + "?repo=" + repo;
            send(ex, 302, "text/plain", new byte[0], Map.of("Location", to));
            return;
        }
        long[] zero;
        synchronized (this) {
            zero = zeros.get(file);
        }
        if (zero != null) {
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, zero[1] == 1 ? zero[0] : 0);
            OutputStream out = ex.getResponseBody();
            byte[] chunk = new byte[1 << 16];
            for (long left = zero[0]; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            return;
        }
        byte[] body = content;
        int cut;
        boolean stall;
        boolean honourRange;
        synchronized (this) {
            if (corrupt.contains(file)) {
                body = content.clone();
                body[body.length / 2] ^= 0x5a;
            }
            int left = cutsLeft.getOrDefault(file, 0);
            cut = left > 0 ? cutAt.get(file) : -1;
            if (left > 0) {
                cutsLeft.put(file, left - 1);
            }
            int stalls = stallsLeft.getOrDefault(file, 0);
            stall = stalls > 0;
            if (stall) {
                stallsLeft.put(file, stalls - 1);
                cut = cutAt.get(file);
            }
            honourRange = !ignoreRange;
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        Matcher rm = range == null ? null : RANGE.matcher(range);
        if (honourRange && rm != null && rm.matches()) {
            from = Integer.parseInt(rm.group(1));
            if (from >= body.length) {
                send(ex, 416, "text/plain", new byte[0], Map.of("Content-Range", "bytes */" + body.length));
                return;
            }
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(from > 0 ? 206 : 200, body.length - from);
        OutputStream out = ex.getResponseBody();
        if (cut >= 0 && cut < body.length - from) {
            out.write(body, from, cut);
            out.flush();
            if (stall) {
                try {
                    Thread.sleep(20_000);   // until the client gives up (or the hub is closed)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            throw new IOException("cut on purpose");   // closes the connection mid-body
        }
        out.write(body, from, body.length - from);
    }

    private synchronized String commitOf(String repo, String rev) {
        Map<String, Map<String, byte[]>> byCommit = commits.get(repo);
        if (byCommit == null) {
            return null;
        }
        if (byCommit.containsKey(rev)) {
            return rev;
        }
        return refs.getOrDefault(repo, Map.of()).get(rev);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String gitBlob(byte[] bytes) {
        byte[] header = ("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + bytes.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(bytes, 0, all, header.length, bytes.length);
        return hex("SHA-1", all);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
