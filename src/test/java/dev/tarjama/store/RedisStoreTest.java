package dev.tarjama.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.glossary.Glossary;
import dev.tarjama.glossary.GlossaryEntry;
import dev.tarjama.glossary.GlossaryLimitException;
import dev.tarjama.glossary.GlossaryStore;
import dev.tarjama.translation.Alternative;
import dev.tarjama.translation.EngineResult;
import dev.tarjama.translation.RevisionStore.Revision;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis implementations of every kind of shared state, each used by two "replicas" (two
 * {@link SharedState}s with their own connections) on one real redis-server.
 */
class RedisStoreTest {
    private RedisServer redis;
    private SharedState a;
    private SharedState b;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
        a = SharedState.open(StoreSettings.parse(redis.uri(0), Duration.ofHours(1), Duration.ofSeconds(10)), null);
        b = SharedState.open(StoreSettings.parse(redis.uri(0), Duration.ofHours(1), Duration.ofSeconds(10)), null);
        assertTrue(a.awaitStore(Duration.ofSeconds(60)) && b.awaitStore(Duration.ofSeconds(60)), "connected");
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.close();
            b.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static Glossary glossary(String name, String en, int entries) {
        List<GlossaryEntry> list = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            list.add(new GlossaryEntry("كلمة" + i, en + i));
        }
        return new Glossary(name, list);
    }

    /** Reads what Redis itself holds (TTLs), with a separate plain client. */
    private <T> T raw(java.util.function.Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> f) {
        RedisClient client = RedisClient.create(redis.uri(0));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return f.apply(c.sync());
        } finally {
            client.shutdown();
        }
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void aGlossaryPutOnOneReplicaIsUsedByTheOthersNextReadAndSurvivesItsRestart() throws Exception {
        assertTrue(a.glossaries().put(glossary("desk", "v1-", 3)));
        assertEquals(glossary("desk", "v1-", 3).entries(), b.glossaries().get("desk").orElseThrow().entries());
        assertFalse(b.glossaries().put(glossary("desk", "v2-", 2)), "a replacement is not a creation");
        assertEquals(glossary("desk", "v2-", 2).entries(), a.glossaries().get("desk").orElseThrow().entries());
        a.glossaries().put(glossary("sport", "s", 1));
        assertEquals(List.of("desk", "sport"), b.glossaries().names());
        assertTrue(b.glossaries().delete("sport"));
        assertTrue(a.glossaries().get("sport").isEmpty());
        assertFalse(a.glossaries().delete("sport"));
        a.close();
        a = SharedState.open(StoreSettings.parse(redis.uri(0), Duration.ofHours(1), Duration.ofSeconds(10)), null);
        assertTrue(a.awaitStore(Duration.ofSeconds(60)));
        assertEquals(glossary("desk", "v2-", 2).entries(), a.glossaries().get("desk").orElseThrow().entries(),
                "a restarted replica reads the glossary from Redis");
        assertEquals(-1L, (long) raw(c -> c.ttl(RedisGlossaries.key("desk"))), "glossaries never expire");
    }

    @Test
    void aGlossaryIsReplacedAtomicallyWhileTheOtherReplicaReadsIt() throws Exception {
        a.glossaries().put(glossary("desk", "old-", 200));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> writer = pool.submit(() -> {
                int writes = 0;
                while (!stop.get()) {
                    a.glossaries().put(glossary("desk", writes % 2 == 0 ? "new-" : "old-", writes % 2 == 0 ? 150 : 200));
                    writes++;
                }
                return writes;
            });
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                for (; reads < 300; reads++) {
                    List<GlossaryEntry> e = b.glossaries().get("desk").orElseThrow().entries();
                    String version = e.get(0).en().substring(0, 4);
                    int expected = version.equals("new-") ? 150 : 200;
                    assertEquals(expected, e.size(), "a read saw a mix of two versions");
                    for (GlossaryEntry entry : e) {
                        assertTrue(entry.en().startsWith(version), "a read saw a mix of two versions: " + entry);
                    }
                }
                return reads;
            });
            assertEquals(300, reader.get(60, TimeUnit.SECONDS));
            stop.set(true);
            assertTrue(writer.get(60, TimeUnit.SECONDS) > 0);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void theGlossaryCountLimitHoldsAcrossReplicas() throws Exception {
        RedisConnection c1 = new RedisConnection(StoreSettings.redisUri(redis.uri(0)), Duration.ofSeconds(10),
                new StoreHealth("test", Duration.ofSeconds(1)));
        try {
            RedisGlossaries small = new RedisGlossaries(c1, new GlossaryStore.Limits(2, 3, 1000));
            small.put(glossary("one", "x", 1));
            b.glossaries().put(glossary("two", "x", 1));
            assertThrows(GlossaryLimitException.class, () -> small.put(glossary("three", "x", 1)));
            assertThrows(GlossaryLimitException.class, () -> small.put(glossary("one", "x", 4)), "entry limit");
            small.put(glossary("one", "y", 2)); // replacing one that exists is allowed at the limit
            assertEquals(List.of("one", "two"), small.names());
        } finally {
            c1.close();
        }
    }

    @Test
    void revisionsAreSharedAtomicallyAndExpire() throws Exception {
        assertNull(a.revisions().record("story-1", new Revision("r1", List.of("p1", "p2"))));
        Revision before = b.revisions().record("story-1", new Revision("r2", List.of("p1", "p3")));
        assertEquals(new Revision("r1", List.of("p1", "p2")), before);
        assertEquals(new Revision("r1", List.of("p1", "p2")), a.revisions().record("story-1", new Revision("r2", List.of("p1", "p3"))),
                "repeating the latest revision compares it with the one before, on any replica");
        assertEquals(new Revision("r2", List.of("p1", "p3")), a.revisions().record("story-1", new Revision("r3", List.of())));
        assertEquals(new Revision("r3", List.of()), b.revisions().record("story-1", new Revision("r4", List.of("p9"))));
        long ttl = raw(c -> c.pttl("tarjama:article:story-1"));
        assertTrue(ttl > 0 && ttl <= Duration.ofHours(1).toMillis(), "revisions carry the TTL: " + ttl);
    }

    @Test
    void quotaCountersAreAtomicAcrossReplicasExpireDailyAndRefund() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            QuotaStore q = (t % 2 == 0 ? a : b).quotas();
            done.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    if (q.charge("alice", today, 3, 600).accepted()) {
                        accepted.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(200, accepted.get(), "400 charges of 3 against 600: exactly 200 pass, on both replicas together");
        QuotaStore.Charge refused = b.quotas().charge("alice", today, 1, 600);
        assertFalse(refused.accepted());
        assertEquals(600, refused.usedBefore());
        a.quotas().refund("alice", today, 30);
        assertEquals(570, b.quotas().charge("alice", today, 30, 600).usedBefore(), "a refund on A is seen by B");
        long ttl = raw(c -> c.ttl(RedisQuotas.key("alice", today)));
        long endOfTomorrow = today.plusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond() - java.time.Instant.now().getEpochSecond();
        assertTrue(ttl > 0 && ttl <= endOfTomorrow, "quota counters expire after the next day: ttl " + ttl);
    }

    @Test
    void theSecondLevelSentenceCacheIsSharedWithATtlAndAnEntryCap() throws Exception {
        EngineResult r = new EngineResult("The minister said.", -0.25, 5,
                List.of(new Alternative("The minister said.", -0.25), new Alternative("The minister says.", -0.5)));
        a.sentences().put("k1", r);
        eventually(() -> b.sentences().getAll(List.of("k1", "k2")).containsKey("k1"), "the entry on B");
        assertEquals(Map.of("k1", r), b.sentences().getAll(List.of("k1", "k2")));
        long ttl = raw(c -> c.pttl(RedisSentences.PREFIX + "k1"));
        assertTrue(ttl > 0 && ttl <= Duration.ofHours(1).toMillis(), "entries carry the TTL: " + ttl);
        a.sentences().put("big", new EngineResult("x".repeat(StoreSettings.MAX_ENTRY_BYTES), 0.0));
        a.sentences().put("k3", r); // sent after the big one: once it is there, the big one was refused
        eventually(() -> b.sentences().getAll(List.of("k3")).containsKey("k3"), "the entry after the big one");
        assertTrue(b.sentences().getAll(List.of("big")).isEmpty(), "an entry over the byte cap is not stored");
    }

    @Test
    void whileRedisIsDownReadsDegradeWritesFailAndItReconnectsByItself() throws Exception {
        a.glossaries().put(glossary("desk", "v1-", 2));
        a.sentences().put("k1", new EngineResult("Hello.", -0.1));
        assertTrue(a.glossaries().get("desk").isPresent());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertTrue(a.quotas().charge("bob", today, 10, 100).accepted());
        redis.kill();

        long t0 = System.nanoTime();
        assertThrows(StoreUnavailableException.class, () -> a.glossaries().put(glossary("desk", "v2-", 2)));
        assertThrows(StoreUnavailableException.class, () -> a.glossaries().names());
        assertEquals(glossary("desk", "v1-", 2).entries(), a.glossaries().get("desk").orElseThrow().entries(),
                "a replica keeps using its last copy of a glossary");
        assertTrue(a.sentences().getAll(List.of("k1")).isEmpty(), "the second level is a miss while down");
        assertTrue(a.quotas().charge("bob", today, 10, 100).accepted(), "quotas are counted locally while down");
        assertNull(a.revisions().record("s", new Revision("r1", List.of("p"))));
        assertEquals(new Revision("r1", List.of("p")), a.revisions().record("s", new Revision("r2", List.of("q"))),
                "revisions are compared locally while down");
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(elapsedMs < 5_000, "calls fail fast while Redis is down, not after a long timeout each: " + elapsedMs + " ms");
        assertFalse(a.health().up());
        assertEquals("degraded", a.health().details().get("status"));
        assertTrue(a.health().errors() > 0);

        redis.restart();
        eventually(() -> {
            try {
                a.glossaries().put(glossary("desk", "v3-", 1));
                return true;
            } catch (StoreUnavailableException e) {
                return false;
            }
        }, "glossary writes after Redis is back");
        assertTrue(a.health().up());
        assertEquals("up", a.health().details().get("status"));
        assertEquals(glossary("desk", "v3-", 1).entries(), b.glossaries().get("desk").orElseThrow().entries());
    }

    @Test
    void aRedisThatStopsAnsweringCostsOneTimeoutThenIsSkippedUntilItAnswersAgain() throws Exception {
        StoreSettings settings = StoreSettings.parse(redis.uri(0), Duration.ofHours(1), Duration.ofMillis(300));
        try (SharedState s = SharedState.open(settings, null)) {
            assertTrue(s.awaitStore(Duration.ofSeconds(60)));
            s.sentences().put("k1", new EngineResult("Hello.", -0.1));
            eventually(() -> s.sentences().getAll(List.of("k1")).containsKey("k1"), "the entry");
            redis.pause();
            try {
                long t0 = System.nanoTime();
                assertTrue(s.sentences().getAll(List.of("k1")).isEmpty(), "a timed-out lookup is a miss");
                long first = (System.nanoTime() - t0) / 1_000_000;
                t0 = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    assertTrue(s.sentences().getAll(List.of("k1")).isEmpty());
                }
                long next = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(first >= 250, "the first lookup waited for the time limit: " + first + " ms");
                assertTrue(next < 250, "the next 20 lookups skipped the frozen store: " + next + " ms");
                assertEquals("degraded", s.health().details().get("status"));
            } finally {
                redis.resume();
            }
            eventually(() -> s.sentences().getAll(List.of("k1")).containsKey("k1"), "lookups after Redis answers again");
            assertTrue(s.health().up());
        }
    }

    @Test
    void aPasswordInTheUriIsUsedAndAWrongOneIsUnavailableNeverLogged() throws Exception {
        try (RedisServer secured = RedisServer.start("s3cret-pass")) {
            try (SharedState ok = SharedState.open(StoreSettings.parse(secured.uri(2), Duration.ofHours(1), Duration.ofSeconds(10)), null)) {
                assertTrue(ok.awaitStore(Duration.ofSeconds(60)));
                ok.glossaries().put(glossary("desk", "x", 1));
                assertEquals(List.of("desk"), ok.glossaries().names());
            }
            String wrong = "redis://:wrong-pass@127.0.0.1:" + secured.port() + "/2";
            try (SharedState bad = SharedState.open(StoreSettings.parse(wrong, Duration.ofHours(1), Duration.ofSeconds(10)), null)) {
                assertFalse(bad.awaitStore(Duration.ofSeconds(60)));
                assertThrows(StoreUnavailableException.class, () -> bad.glossaries().names());
                assertFalse(bad.health().details().toString().contains("wrong-pass"), bad.health().details().toString());
            }
            assertFalse(StoreSettings.parse(wrong, Duration.ofHours(1)).toString().contains("wrong-pass"));
        }
    }
}
