package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.testutil.Golden;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a real process configured by environment variables: it serves, logs one access
 * line per request, and on SIGTERM drains and exits (143) after saying so.
 */
class ServeProcessTest {

    @Test
    void sigtermDrainsAndStopsTheProcess(@TempDir Path tmp) throws Exception {
        Path stderr = tmp.resolve("stderr.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "dev.tarjama.App", "serve",
                "--port", "0", "--drain-timeout", "5s");
        pb.environment().put("TARJAMA_MODEL", Golden.TINY_MODEL.toString());
        pb.environment().put("TARJAMA_THREADS", "1");
        pb.environment().put("TARJAMA_REQUEST_TIMEOUT", "30s");
        pb.environment().remove("TARJAMA_API_KEYS");
        pb.redirectError(stderr.toFile());
        Process process = pb.start();
        try {
            BlockingQueue<String> lines = dev.tarjama.testutil.OutputLines.follow(process.getInputStream());
            String banner = lines.poll(90, TimeUnit.SECONDS);
            assertNotNull(banner, "no banner; stderr: " + Files.readString(stderr));
            Matcher m = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) \\(ready=true, api keys off\\)").matcher(banner);
            assertTrue(m.find(), banner);
            String base = "http://127.0.0.1:" + m.group(1);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/translate"))
                    .header("Content-Type", "text/plain; charset=utf-8").header("X-Request-Id", "proc-test-1")
                    .POST(HttpRequest.BodyPublishers.ofString(Golden.lines("parallel/train.ar").get(5))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains(Golden.lines("parallel/train.en").get(5)), r.body());
            String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher load = Pattern.compile("(?m)^tarjama_model_load_seconds (\\S+)$").matcher(metrics);
            assertTrue(load.find() && Double.parseDouble(load.group(1)) > 0, "model load time recorded");

            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exits after SIGTERM");
            assertEquals(143, process.exitValue(), "128 + SIGTERM");
            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            assertTrue(log.contains("tarjama: shutting down") && log.contains("tarjama: stopped"), log);
            assertTrue(log.contains("id=proc-test-1 method=POST route=/v1/translate status=200"), log);
        } finally {
            process.destroyForcibly();
        }
    }
}
