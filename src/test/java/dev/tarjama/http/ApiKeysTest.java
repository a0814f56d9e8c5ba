package dev.tarjama.http;

import static dev.tarjama.http.ErrorResponsesTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    static final String ALICE = "alice-0123456789abcdef";
    static final String BOB = "bob-fedcba9876543210xyz";
    private static TestServer server;

    @BeforeAll
    static void start() {
        ApiKeys keys = ApiKeys.parse(List.of("# newsroom keys", "", "alice:" + ALICE, "bob:" + BOB + ":20"), "test");
        server = TestServer.start(new FakeEngine(), ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS,
                OpsConfig.DEFAULTS.withApiKeys(keys), () -> true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String translate(String text) {
        return "{\"text\": \"" + text + "\"}";
    }

    @Test
    void requestsWithoutAValidKeyGet401WithAChallenge() throws Exception {
        var none = server.postJson("/v1/translate", translate("جملة."));
        assertTrue(assertError(none, 401, "unauthorized").contains("Authorization: Bearer"));
        assertEquals("Bearer realm=\"tarjama\"", none.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertError(server.send("POST", "/v1/translate", "application/json", translate("جملة."),
                "Authorization", "Bearer wrong-key-0123456789"), 401, "unauthorized");
        assertError(server.send("POST", "/v1/translate", "application/json", translate("جملة."),
                "Authorization", "Basic " + ALICE), 401, "unauthorized");
        assertError(server.send("GET", "/v1/model", null, null), 401, "unauthorized");
        assertError(server.send("GET", "/metrics", null, null), 401, "unauthorized");
    }

    @Test
    void bearerAndXApiKeyHeadersAreAccepted() throws Exception {
        assertEquals(200, server.send("POST", "/v1/translate", "application/json", translate("جملة."),
                "Authorization", "Bearer " + ALICE).statusCode());
        assertEquals(200, server.send("POST", "/v1/translate", "application/json", translate("جملة."),
                "authorization", "bearer   " + ALICE).statusCode());
        assertEquals(200, server.send("POST", "/v1/translate", "application/json", translate("جملة."),
                "X-API-Key", ALICE).statusCode());
        assertEquals(200, server.send("GET", "/metrics", null, null, "X-API-Key", ALICE).statusCode());
    }

    @Test
    void healthStaysOpen() throws Exception {
        assertEquals(200, server.get("/v1/health/live").statusCode());
        assertEquals(200, server.get("/v1/health/ready").statusCode());
    }

    @Test
    void keysInTheUrlOrBodyAreRefusedEvenWhenValid() throws Exception {
        String m = assertError(server.send("POST", "/v1/translate?api_key=" + ALICE, "application/json", translate("جملة."),
                "X-API-Key", ALICE), 400, "credentials_in_url");
        assertFalse(m.contains(ALICE), "the key is never echoed");
        assertError(server.send("GET", "/v1/health/live?token=" + ALICE, null, null), 400, "credentials_in_url");
        var body = server.send("POST", "/translate", "application/json",
                "{\"q\":\"جملة\",\"source\":\"ar\",\"target\":\"en\",\"api_key\":\"" + ALICE + "\"}", "X-API-Key", ALICE);
        assertEquals(400, body.statusCode(), body.body());
        assertTrue(body.body().contains("api_key is not accepted in the body"), body.body());
        var form = server.send("POST", "/translate", "application/x-www-form-urlencoded",
                "q=x&source=ar&target=en&api_key=" + ALICE, "X-API-Key", ALICE);
        assertEquals(400, form.statusCode(), form.body());
    }

    @Test
    void aKeysDailyCharacterQuotaGives429AndOnlyThatKeyIsLimited() throws Exception {
        assertEquals(200, server.send("POST", "/v1/translate", "application/json", translate("أبجد هوز حطي"),
                "X-API-Key", BOB).statusCode());
        var over = server.send("POST", "/v1/translate", "application/json", translate("كلمن سعفص قرشت"),
                "X-API-Key", BOB);
        String m = assertError(over, 429, "quota_exceeded");
        assertTrue(m.contains("20 characters") && m.contains("00:00 UTC"), m);
        assertTrue(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow()) > 0);
        assertEquals(200, server.send("POST", "/v1/translate", "application/json", translate("ثخذ"),
                "X-API-Key", BOB).statusCode(), "a request that fits the remaining quota still passes");
        assertEquals(200, server.send("POST", "/v1/translate", "application/json", translate("كلمن سعفص قرشت"),
                "X-API-Key", ALICE).statusCode(), "alice has no quota");
    }

    @Test
    void quotasRestartAtMidnightUtc() {
        ApiKeys.Key key = ApiKeys.parse(List.of("k:" + ALICE + ":10"), "test").authenticate(ALICE).orElseThrow();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T23:59:00Z"));
        QuotaLedger ledger = new QuotaLedger(clock);
        ledger.charge(key, 10);
        ApiException e = assertThrows(ApiException.class, () -> ledger.charge(key, 1));
        assertEquals(429, e.status());
        assertEquals(60, ledger.secondsToReset());
        clock.now = Instant.parse("2026-01-02T00:00:01Z");
        ledger.charge(key, 10);
    }

    @Test
    void keyFilesAndEnvironmentAreParsedAndErrorsNeverShowTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# comment\n" + ALICE + "\nbob:" + BOB + ":1000\n");
        ApiKeys keys = ApiKeys.load(file);
        assertEquals(2, keys.size());
        assertEquals("key-1", keys.authenticate(ALICE).orElseThrow().name());
        assertEquals(1000, keys.authenticate(BOB).orElseThrow().dailyChars());
        assertTrue(keys.authenticate("x" + ALICE).isEmpty());
        assertEquals(2, ApiKeys.fromEnvironment(ALICE + ", bob:" + BOB).size());
        for (String bad : List.of("short", "n:" + ALICE + ":-5", "n:" + ALICE + ":many", "bad name:" + ALICE,
                "a:b:c:d", "a:" + ALICE + "\nb:" + ALICE, "a:" + ALICE + "\na:" + BOB, "# only a comment")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ApiKeys.parse(List.of(bad.split("\n")), "keys.txt"), bad);
            assertFalse(e.getMessage().contains(ALICE) || e.getMessage().contains(BOB), e.getMessage());
            assertTrue(e.getMessage().startsWith("keys.txt"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.load(dir.resolve("missing")));
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
