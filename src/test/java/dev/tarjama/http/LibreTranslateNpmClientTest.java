package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.FakeEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The unmodified npm {@code libretranslate} client (1.0.1, from the npm registry) against the server:
 * it fetches {@code /languages}, checks that both the source and the target code are listed, then
 * posts to {@code /translate}. {@code .ci/run} puts the package in {@code ~/.cache/tarjama/npm}
 * ({@code npm pack}, no network at test time); the test is skipped when it or {@code node} is absent.
 */
class LibreTranslateNpmClientTest {
    static final Path PACKAGE = Path.of(System.getProperty("user.home"), ".cache", "tarjama", "npm", "libretranslate",
            "package");
    /** Reads the text from stdin, translates it with the client, prints the result as JSON. */
    static final String SCRIPT = String.join("\n",
            "const { translate } = require(process.argv[1]);",
            "let text = '';",
            "process.stdin.setEncoding('utf8');",
            "process.stdin.on('data', (d) => { text += d; });",
            "process.stdin.on('end', () => translate({ query: text, source: process.argv[3], target: 'en', apiurl: process.argv[2] })",
            "  .then((t) => process.stdout.write(JSON.stringify(t)), (e) => { console.error(String(e)); process.exit(3); }));");

    private static final FakeEngine engine = new FakeEngine();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(PACKAGE.resolve("dist/translate.js")) && onPath("node"),
                "skipped: needs node and the npm libretranslate client in " + PACKAGE + " (.ci/run fetches it with npm pack)");
        Process p = new ProcessBuilder("node", "-e", "process.exit(typeof fetch === 'function' ? 0 : 1)").start();
        Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
                "skipped: the client needs node 18 or later (global fetch)");
        server = TestServer.start(engine);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the client; returns its exit status and output (stdout, then stderr). */
    static List<String> client(String source, String text) throws Exception {
        Process p = new ProcessBuilder("node", "-e", SCRIPT, PACKAGE.toAbsolutePath().toString(),
                server.base, source).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the npm client did not finish in 60 s");
        }
        return List.of(Integer.toString(p.exitValue()), out.get(), err.get());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theUnmodifiedNpmClientTranslatesArabicToEnglish() throws Exception {
        for (String source : List.of("ar", "auto")) {
            List<String> r = client(source, "مرحبا بكم.\n\nشكرا.");
            assertEquals("0", r.get(0), source + ": " + r);
            assertEquals(new com.google.gson.Gson().toJson(FakeEngine.expected("مرحبا بكم.") + "\n\n" + FakeEngine.expected("شكرا.")),
                    r.get(1), source);
        }
        List<String> r = client("fr", "bonjour");
        assertEquals("3", r.get(0), "a language the server does not list is refused by the client: " + r);
        assertTrue(r.get(2).contains("not found"), r.get(2));
    }
}
