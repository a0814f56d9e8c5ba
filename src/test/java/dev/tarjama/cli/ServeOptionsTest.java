package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeOptionsTest {
    private static final String KEY = "k-0123456789abcdef0123";

    private static ServeOptions parse(Map<String, String> env, String... flags) {
        return ServeOptions.parse(ServeArgv.of(flags), env);
    }

    private static String error(Map<String, String> env, String... flags) {
        String m = assertThrows(Args.UsageException.class, () -> parse(env, flags)).getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.startsWith("serve: "), m);
        return m;
    }

    @Test
    void defaultsMatchTheDocumentedTable() {
        ServeOptions o = parse(Map.of(), "--model", "m");
        assertEquals(Path.of("m"), o.model());
        assertEquals("127.0.0.1", o.host());
        assertEquals(8080, o.port());
        assertNull(o.threads());
        assertEquals(ServeOptions.autoSlices(Runtime.getRuntime().availableProcessors(), 1,
                Integer.getInteger("ai.djl.pytorch.num_threads", 1)), o.slices(), "slices default to auto");
        assertEquals(Duration.ofSeconds(60), o.ops().requestTimeout());
        assertEquals(Duration.ofSeconds(25), o.drainTimeout());
        assertEquals(1 << 20, o.http().bodyLimitBytes());
        assertEquals(512, o.service().queueCapacity());
        assertFalse(o.ops().apiKeys().enabled());
        assertTrue(o.ops().corsOrigins().isEmpty());
    }

    @Test
    void theCostCapAndThePerClientRequestLimitComeFromFlagsOrEnvironmentAndAreChecked() {
        ServeOptions defaults = parse(Map.of(), "--model", "m");
        assertEquals(1_048_576, defaults.http().maxRequestCost());
        assertEquals(8, defaults.http().maxClientRequests());
        ServeOptions o = parse(Map.of("TARJAMA_MAX_REQUEST_COST", "0", "TARJAMA_MAX_CLIENT_REQUESTS", "3"), "--model", "m");
        assertEquals(0, o.http().maxRequestCost(), "0 turns the cap off");
        assertEquals(3, o.http().maxClientRequests());
        ServeOptions flags = parse(Map.of("TARJAMA_MAX_CLIENT_REQUESTS", "3"), "--model", "m", "--max-request-cost", "50000",
                "--max-client-requests", "20");
        assertEquals(50_000, flags.http().maxRequestCost());
        assertEquals(20, flags.http().maxClientRequests());
        assertTrue(error(Map.of(), "--max-client-requests", "0").contains("--max-client-requests"));
        assertTrue(error(Map.of("TARJAMA_MAX_REQUEST_COST", "-1")).contains("TARJAMA_MAX_REQUEST_COST"));
    }

    @Test
    void environmentVariablesConfigureEverySettingAndFlagsOverrideThem() {
        Map<String, String> env = Map.ofEntries(Map.entry("TARJAMA_MODEL", "/models"), Map.entry("TARJAMA_PORT", "9000"),
                Map.entry("TARJAMA_THREADS", "4"), Map.entry("TARJAMA_WORKERS", "2"), Map.entry("TARJAMA_SLICES", "3"),
                Map.entry("TARJAMA_BATCH_SENTENCES", "16"), Map.entry("TARJAMA_BATCH_TOKENS", "2048"),
                Map.entry("TARJAMA_BATCH_WAIT", "20ms"), Map.entry("TARJAMA_TOKEN_BUDGET", "100"),
                Map.entry("TARJAMA_QUEUE", "64"), Map.entry("TARJAMA_CACHE_CHARS", "0"),
                Map.entry("TARJAMA_BODY_LIMIT", "512KiB"), Map.entry("TARJAMA_MAX_TEXTS", "10"),
                Map.entry("TARJAMA_REQUEST_TIMEOUT", "1500ms"), Map.entry("TARJAMA_DRAIN_TIMEOUT", "2m"),
                Map.entry("TARJAMA_CORS_ORIGINS", "https://a.example, https://b.example"),
                Map.entry("TARJAMA_API_KEYS", "desk:" + KEY + ":5000"), Map.entry("TARJAMA_HOST", "0.0.0.0"));
        ServeOptions o = parse(env);
        assertEquals(Path.of("/models"), o.model());
        assertEquals("0.0.0.0", o.host());
        assertEquals(9000, o.port());
        assertEquals(4, o.threads());
        assertEquals(2, o.service().workers());
        assertEquals(3, o.slices());
        assertEquals(16, o.service().maxBatchSentences());
        assertEquals(2048, o.service().maxBatchTokens());
        assertEquals(20, o.service().batchWaitMillis());
        assertEquals(100, o.service().tokenBudget());
        assertEquals(64, o.service().queueCapacity());
        assertEquals(0, o.service().cacheMaxChars());
        assertEquals(512 * 1024, o.http().bodyLimitBytes());
        assertEquals(10, o.http().maxTexts());
        assertEquals(Duration.ofMillis(1500), o.ops().requestTimeout());
        assertEquals(Duration.ofMinutes(2), o.drainTimeout());
        assertEquals(List.of("https://a.example", "https://b.example"), o.ops().corsOrigins());
        assertEquals(5000, o.ops().apiKeys().authenticate(KEY).orElseThrow().dailyChars());

        ServeOptions f = parse(env, "--port", "9100", "--threads=2", "--slices", "2", "--queue", "32", "--request-timeout", "5");
        assertEquals(9100, f.port());
        assertEquals(2, f.threads());
        assertEquals(2, f.slices());
        assertEquals(32, f.service().queueCapacity());
        assertEquals(Duration.ofSeconds(5), f.ops().requestTimeout());
        assertEquals(16, f.service().maxBatchSentences(), "env still applies where no flag is given");
    }

    @Test
    void badValuesAreOneLineErrorsNamingTheFlagOrVariable() {
        assertTrue(error(Map.of(), "--model", "m", "--port", "70000").contains("--port must be an integer between 0 and 65535, got '70000'"));
        assertTrue(error(Map.of("TARJAMA_QUEUE", "lots"), "--model", "m").contains("TARJAMA_QUEUE must be"));
        assertTrue(error(Map.of(), "--model", "m", "--request-timeout", "soon").contains("--request-timeout must be a duration"));
        assertTrue(error(Map.of(), "--model", "m", "--body-limit", "2GiB").contains("--body-limit"));
        assertTrue(error(Map.of(), "--model", "m", "--workers", "0").contains("--workers"));
        assertTrue(error(Map.of("TARJAMA_SLICES", "65"), "--model", "m").contains("TARJAMA_SLICES must be an integer between 1 and 64"));
        assertEquals(2, ServeOptions.autoSlices(2, 1, 1), "2 cores, 1 worker, 1 thread");
        assertEquals(1, ServeOptions.autoSlices(2, 2, 1), "2 workers take both cores");
        assertEquals(1, ServeOptions.autoSlices(2, 1, 4), "more threads than cores");
        assertEquals(4, ServeOptions.autoSlices(16, 2, 2));
        assertEquals(64, ServeOptions.autoSlices(512, 1, 1));
        assertEquals(1, parse(Map.of("TARJAMA_SLICES", "auto"), "--model", "m", "--workers", "64").slices());
        assertTrue(error(Map.of(), "--model", "m", "--cors-origins", "*").contains("CORS origin"));
        assertTrue(error(Map.of("TARJAMA_INSECURE_PUBLIC", "maybe"), "--model", "m").contains("TARJAMA_INSECURE_PUBLIC"));
        assertTrue(error(Map.of(), "--model", "m", "--bogus", "1").contains("unknown option --bogus"));
        assertEquals(null, ServeOptions.parse(new String[] {"serve"}, Map.of()).model(),
                "no --model: serve looks for models/opus-mt-ar-en at start (ModelLocator), never downloads");
        assertTrue(error(Map.of("TARJAMA_API_KEYS", "short"), "--model", "m").contains("invalid key"));
    }

    @Test
    void aNonLoopbackAddressNeedsKeysOrTheInsecureFlag(@TempDir Path dir) throws Exception {
        String m = error(Map.of(), "--model", "m", "--host", "0.0.0.0");
        assertTrue(m.contains("refusing to listen on 0.0.0.0 without API keys") && m.contains("--insecure-public"), m);
        error(Map.of(), "--model", "m", "--host", "192.168.1.5");
        error(Map.of(), "--model", "m", "--host", "example.org");
        assertTrue(parse(Map.of(), "--model", "m", "--host", "0.0.0.0", "--insecure-public").insecurePublic());
        assertTrue(parse(Map.of("TARJAMA_MODEL", "m", "TARJAMA_INSECURE_PUBLIC", "true", "TARJAMA_HOST", "::")).insecurePublic());
        Path keys = dir.resolve("keys.txt");
        Files.writeString(keys, "desk:" + KEY + "\n", StandardCharsets.UTF_8);
        assertTrue(parse(Map.of(), "--model", "m", "--host", "0.0.0.0", "--api-keys-file", keys.toString())
                .ops().apiKeys().enabled());
        for (String loopback : List.of("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2")) {
            assertEquals(loopback, parse(Map.of(), "--model", "m", "--host", loopback).host());
        }
        assertTrue(error(Map.of("TARJAMA_API_KEYS", KEY), "--model", "m", "--api-keys-file", keys.toString())
                .contains("not both"));
    }

    @Test
    void docsConfigurationTableIsTheOneInTheCode() throws Exception {
        String doc = Files.readString(Path.of("docs", "configuration.md"), StandardCharsets.UTF_8);
        assertTrue(doc.contains(ServeOptions.markdownTable()),
                "docs/configuration.md must contain ServeOptions.markdownTable():\n" + ServeOptions.markdownTable());
    }
}
