package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.store.StoreSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code serve --store/--store-ttl/--store-timeout} and their variables. */
class StoreOptionsTest {
    private static ServeOptions parse(Map<String, String> env, String... flags) {
        return ServeOptions.parse(ServeArgv.of(flags), env);
    }

    @Test
    void withoutAStoreFlagServeKeepsTheEmbeddedStore() {
        ServeOptions o = parse(Map.of());
        assertTrue(o.store().embedded());
        assertEquals(Duration.ofDays(7), o.store().ttl());
        assertEquals(Duration.ofSeconds(1), o.store().timeout());
        assertTrue(parse(Map.of("TARJAMA_STORE", "embedded")).store().embedded());
    }

    @Test
    void redisUrisWithPasswordDatabaseAndTlsAreAccepted() {
        ServeOptions o = parse(Map.of("TARJAMA_STORE", "redis://:pw@10.0.0.5:6380/2"), "--store-ttl", "12h",
                "--store-timeout", "250ms");
        assertEquals("redis://:pw@10.0.0.5:6380/2", o.store().uri());
        assertEquals(Duration.ofHours(12), o.store().ttl());
        assertEquals(Duration.ofMillis(250), o.store().timeout());
        assertFalse(o.store().toString().contains("pw"), "the password is not shown: " + o.store());
        assertEquals("rediss://redis.example:6379", parse(Map.of("TARJAMA_STORE", "redis://a:1"), "--store",
                "rediss://redis.example:6379").store().uri(), "the flag wins over the variable");
        assertEquals("redis://user:secret@h:1/0".replace("user:secret", "***"), StoreSettings.redacted("redis://user:secret@h:1/0"));
    }

    @Test
    void anythingElseIsAOneLineUsageErrorThatHidesThePassword() {
        Args.UsageException e = assertThrows(Args.UsageException.class,
                () -> parse(Map.of(), "--store", "http://:hunter2@h:6379"));
        assertTrue(e.getMessage().contains("embedded") && e.getMessage().contains("redis://"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertThrows(Args.UsageException.class, () -> parse(Map.of(), "--store-ttl", "0s"));
        assertThrows(Args.UsageException.class, () -> parse(Map.of(), "--store-timeout", "2h"));
    }
}
