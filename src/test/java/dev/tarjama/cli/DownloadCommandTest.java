package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line of {@code download}; the transfer itself is covered by the provision tests. A
 * minimal hub here serves a one-commit repository from the demo model's files.
 */
class DownloadCommandTest {
    static final Path FIXTURE = Path.of("models", "tiny-ar-en");
    static final String COMMIT = "c".repeat(40);

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] argv = new String[args.length + 1];
        argv[0] = "download";
        System.arraycopy(args, 0, argv, 1, args.length);
        int code = DownloadCommand.run(argv, env, false, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Serves {@code repo} (files of the demo model, git blobs only, sizes only) on loopback. */
    static HttpServer hub(String repo) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String[] names = {"config.json", "source.spm", "target.spm", "vocab.json", "model.safetensors"};
        StringBuilder json = new StringBuilder("{\"sha\":\"" + COMMIT + "\",\"siblings\":[");
        for (int i = 0; i < names.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"rfilename\":\"").append(names[i]).append("\",\"size\":")
                    .append(Files.size(FIXTURE.resolve(names[i]))).append('}');
        }
        byte[] api = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        s.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                byte[] body = null;
                if (path.equals("/api/models/" + repo + "/revision/main")) {
                    body = api;
                } else if (path.startsWith("/" + repo + "/resolve/" + COMMIT + "/")) {
                    body = Files.readAllBytes(FIXTURE.resolve(path.substring(path.lastIndexOf('/') + 1)));
                }
                if (body == null) {
                    ex.sendResponseHeaders(404, -1);
                } else {
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                }
            }
        });
        s.start();
        return s;
    }

    @Test
    void downloadsIntoTheRepositoryNameUnderDirAndPrintsTheDirectory() throws IOException {
        HttpServer s = hub("Helsinki-NLP/opus-mt-ar-en");
        try {
            String host = "http://127.0.0.1:" + s.getAddress().getPort();
            Run r = run(Map.of("TARJAMA_HF_HOST", host), "--dir", tmp.resolve("models").toString());
            assertEquals(0, r.code(), r.err());
            Path dir = tmp.resolve("models/opus-mt-ar-en").toAbsolutePath();
            assertEquals(dir + System.lineSeparator(), r.out());
            assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("model.safetensors")),
                    Files.readAllBytes(dir.resolve("model.safetensors")));
            assertTrue(r.err().contains("downloading model.safetensors ("), r.err());
            assertTrue(r.err().contains("note: Helsinki-NLP/opus-mt-ar-en has no generation_config.json (optional)"), r.err());
            assertFalse(r.err().contains("\r"), "no bar redrawing outside a terminal");
        } finally {
            s.stop(0);
        }
    }

    @Test
    void hostOptionBeatsTheEnvironmentAndModelPicksTheRepository() throws IOException {
        HttpServer s = hub("someone/opus-mt-ar-en-news");
        try {
            String host = "http://127.0.0.1:" + s.getAddress().getPort();
            Run r = run(Map.of("TARJAMA_HF_HOST", "http://127.0.0.1:9", "HF_ENDPOINT", "http://127.0.0.1:9"),
                    "--host", host, "--model", "someone/opus-mt-ar-en-news", "--dir", tmp.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(tmp.resolve("opus-mt-ar-en-news/config.json")));
        } finally {
            s.stop(0);
        }
    }

    @Test
    void aFailedDownloadIsOneLineOnStderrAndExitOne() throws IOException {
        HttpServer s = hub("Helsinki-NLP/opus-mt-ar-en");
        try {
            String host = "http://127.0.0.1:" + s.getAddress().getPort();
            Run r = run(Map.of("HF_ENDPOINT", host), "--revision", "main", "--model", "nobody/nothing", "--dir", tmp.toString());
            assertEquals(1, r.code());
            assertEquals("", r.out());
            assertEquals("tarjama download: nobody/nothing was not found on " + host
                    + " (404); check the name, e.g. Helsinki-NLP/opus-mt-ar-en" + System.lineSeparator(), r.err());
        } finally {
            s.stop(0);
        }
    }

    @Test
    void anUnreachableHubNamesTheOfflineRoute() {
        Run r = run(Map.of(), "--host", "http://tarjama-hub.invalid", "--dir", tmp.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("tarjama download: cannot resolve http://tarjama-hub.invalid"), r.err());
        assertTrue(r.err().contains("Offline? Copy a Hugging Face snapshot of Helsinki-NLP/opus-mt-ar-en into "
                + tmp.resolve("opus-mt-ar-en")), r.err());
        assertTrue(r.err().contains("models--Helsinki-NLP--opus-mt-ar-en/snapshots/") && r.err().contains("serve --model"), r.err());
    }

    @Test
    void aMalformedHostOrUnknownOptionIsAUsageError() {
        Args.UsageException bad = assertThrows(Args.UsageException.class, () -> run(Map.of(), "--host", "ftp://x"));
        assertTrue(bad.getMessage().startsWith("download: hub host must be an http(s) URL"), bad.getMessage());
        assertThrows(Args.UsageException.class, () -> run(Map.of(), "--models", "x"));
    }

    @Test
    void repoOptionFetchesTheTransformerBigModelIntoItsOwnDirectory() throws IOException {
        HttpServer s = hub(DownloadCommand.BIG_REPO);
        try {
            String host = "http://127.0.0.1:" + s.getAddress().getPort();
            Run r = run(Map.of(), "--host", host, "--repo", DownloadCommand.BIG_REPO, "--dir", tmp.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(tmp.resolve("opus-mt-tc-big-ar-en").toAbsolutePath() + System.lineSeparator(), r.out());
            assertTrue(Files.isRegularFile(tmp.resolve("opus-mt-tc-big-ar-en/model.safetensors")));
        } finally {
            s.stop(0);
        }
        Args.UsageException both = assertThrows(Args.UsageException.class,
                () -> run(Map.of(), "--repo", "a/b", "--model", "c/d"));
        assertTrue(both.getMessage().startsWith("download: --repo and --model"), both.getMessage());
    }
}
