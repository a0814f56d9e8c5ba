package dev.tarjama.cli;

import dev.tarjama.testutil.Golden;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code serve} process on the tiny model (the program's own {@code main}, configured by flags
 * and environment as an operator would), on a free port; requests carry an API key.
 */
final class ServeReplica implements AutoCloseable {
    private static final Pattern BANNER = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) \\(ready=true");
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String key;
    private String base;

    private ServeReplica(Process process, Path stderr, String key) {
        this.process = process;
        this.stderr = stderr;
        this.key = key;
        this.lines = dev.tarjama.testutil.OutputLines.follow(process.getInputStream());
    }

    /** Starts {@code serve} with these extra environment variables; {@link #awaitReady} before use. */
    static ServeReplica launch(Path dir, String name, Map<String, String> env, String key, String... flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "dev.tarjama.App", "serve",
                "--port", "0", "--model", Golden.TINY_MODEL.toString(), "--threads", "1", "--workers", "1",
                "--glossary-dir", dir.resolve(name + "-glossaries").toString()));
        cmd.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("TARJAMA_"));
        pb.environment().putAll(env);
        Path stderr = dir.resolve(name + ".stderr.log");
        pb.redirectError(stderr.toFile());
        return new ServeReplica(pb.start(), stderr, key);
    }

    /** Waits for the ready banner; returns the stdout lines seen up to it. */
    List<String> awaitReady() throws Exception {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                if (!process.isAlive()) {
                    break;
                }
                continue;
            }
            seen.add(line);
            Matcher m = BANNER.matcher(line);
            if (m.find()) {
                base = "http://127.0.0.1:" + m.group(1);
                return seen;
            }
        }
        throw new IllegalStateException("serve did not become ready: " + seen + "\n" + stderr());
    }

    /** Waits up to 30 s for a stdout line after the banner that starts with {@code prefix}. */
    String awaitLine(String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("no line starting with " + prefix);
    }

    String stderr() throws Exception {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        return send(method, path, contentType, body, key);
    }

    HttpResponse<String> send(String method, String path, String contentType, String body, String apiKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
