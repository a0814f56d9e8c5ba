package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.store.RedisServer;
import dev.tarjama.testutil.Golden;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of shared state: two {@code serve} processes (replicas A and B, each with its
 * own caches) on one real redis-server, as the README recipe runs them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasOnRedisTest {
    static final String DESK = "desk-key-0123456789abcdef";
    static final String METER = "meter-key-0123456789abcdef";
    private static final Gson GSON = new Gson();
    @TempDir
    static Path dir;
    private static RedisServer redis;
    private static ServeReplica a;
    private static ServeReplica b;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        Map<String, String> env = Map.of("TARJAMA_STORE", redis.uri(0), "TARJAMA_API_KEYS",
                "desk:" + DESK + ",meter:" + METER + ":60");
        // a generous command limit: the test machine is shared, and a slow answer would count as an outage
        a = ServeReplica.launch(dir, "a", env, DESK, "--store-timeout", "10s");
        b = ServeReplica.launch(dir, "b", env, DESK, "--store-timeout", "10s");
        a.awaitReady();
        b.awaitReady();
        assertEquals("tarjama: shared store: " + redis.uri(0), a.awaitLine("tarjama: shared store:"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    static HttpResponse<String> translate(ServeReplica replica, Map<String, Object> request) throws Exception {
        return replica.send("POST", "/v1/translate", "application/json", GSON.toJson(request));
    }

    private static String seedArticle() throws Exception {
        try (InputStream in = TwoReplicasOnRedisTest.class.getResourceAsStream("/seed/000_3043c1e1a094a635.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> translations(JsonObject doc) {
        List<String> out = new ArrayList<>();
        for (JsonElement p : doc.getAsJsonArray("paragraphs")) {
            for (JsonElement s : p.getAsJsonObject().getAsJsonArray("sentences")) {
                out.add(s.getAsJsonObject().get("translation").getAsString());
            }
        }
        return out;
    }

    private static long redisKeys(String pattern) {
        RedisClient client = RedisClient.create(redis.uri(0));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().keys(pattern).size();
        } finally {
            client.shutdown();
        }
    }

    @Test
    @Order(1)
    void aGlossaryPutOnAIsUsedOnB() throws Exception {
        String name = "/v1/glossaries/newsdesk";
        HttpResponse<String> none = translate(b, Map.of("text", "مرحبا.", "glossary", "newsdesk"));
        assertEquals(422, none.statusCode(), "B does not know the glossary before the PUT: " + none.body());
        HttpResponse<String> put = a.send("PUT", name, "text/tab-separated-values", "وزير\tminister\n");
        assertEquals(201, put.statusCode(), put.body());
        HttpResponse<String> onB = translate(b, Map.of("text", Golden.lines("parallel/train.ar").get(70), "glossary", "newsdesk"));
        assertEquals(200, onB.statusCode(), "B uses the glossary stored through A: " + onB.body());
        a.send("PUT", name, "text/tab-separated-values", "وزير\tsecretary\nرئيس\tpresident\n");
        JsonArray entries = json(b.send("GET", name, null, null)).getAsJsonArray("entries");
        assertEquals(2, entries.size(), "B's next request sees A's replacement");
        assertEquals("secretary", entries.get(0).getAsJsonObject().get("en").getAsString());
        assertEquals(List.of("newsdesk"), GSON.fromJson(json(b.send("GET", "/v1/glossaries", null, null))
                .getAsJsonArray("glossaries"), List.class));
    }

    @Test
    @Order(2)
    void theSeedArticleTranslatedOnAIsAllCachedOnB() throws Exception {
        String article = seedArticle();
        List<String> expected = Golden.lines("parallel/train.en").subList(0, 24);
        JsonObject onA = json(translate(a, Map.of("text", article)));
        assertEquals(expected, translations(onA));
        assertEquals(0, onA.getAsJsonObject("stats").get("cached").getAsInt(), "A translated it");
        assertTrue(redisKeys("tarjama:sentence:*") >= 24, "A's sentences are in Redis");
        JsonObject onB = json(translate(b, Map.of("text", article)));
        assertEquals(expected, translations(onB));
        assertEquals(24, onB.getAsJsonObject("stats").get("cached").getAsInt(), "B never translated it, yet all 24 are cached");
        System.out.printf("two replicas: seed article on A cached=%d, on B cached=%d of %d%n",
                onA.getAsJsonObject("stats").get("cached").getAsInt(), onB.getAsJsonObject("stats").get("cached").getAsInt(),
                onB.getAsJsonObject("stats").get("sentences").getAsInt());
    }

    @Test
    @Order(3)
    void revisionOneOnAAndRevisionTwoOnBReportsTheChangedParagraphs() throws Exception {
        List<String> ar = Golden.lines("parallel/train.ar");
        String v1 = ar.get(60) + "\n" + ar.get(61) + "\n" + ar.get(62);
        String v2 = ar.get(60) + "\n" + ar.get(63) + "\n" + ar.get(62) + "\n" + ar.get(64);
        JsonObject u1 = json(translate(a, Map.of("text", v1, "articleId", "story-7", "revision", "1"))).getAsJsonObject("update");
        assertEquals(3, u1.getAsJsonArray("changedParagraphs").size());
        JsonObject u2 = json(translate(b, Map.of("text", v2, "articleId", "story-7", "revision", "2"))).getAsJsonObject("update");
        assertEquals("1", u2.get("previousRevision").getAsString(), "B compares with the revision A saw");
        assertEquals(List.of(1.0, 3.0), GSON.fromJson(u2.getAsJsonArray("changedParagraphs"), List.class));
        assertEquals(1, u2.get("removedParagraphs").getAsInt());
    }

    @Test
    @Order(4)
    void aQuotaSpentOnAIsSpentOnB() throws Exception {
        String forty = "ب".repeat(40);
        assertEquals(200, a.send("POST", "/v1/translate", "application/json", GSON.toJson(Map.of("text", forty)), METER).statusCode());
        HttpResponse<String> over = b.send("POST", "/v1/translate", "application/json",
                GSON.toJson(Map.of("text", "ت".repeat(21))), METER);
        assertEquals(429, over.statusCode(), "40 spent on A + 21 on B > 60: " + over.body());
        assertEquals("quota_exceeded", json(over).getAsJsonObject("error").get("code").getAsString());
        assertEquals(200, b.send("POST", "/v1/translate", "application/json",
                GSON.toJson(Map.of("text", "ث".repeat(20))), METER).statusCode(), "the 20 left can be spent on B");
    }

    /**
     * Load on both replicas while redis-server is killed (SIGKILL) and restarted: every answer is
     * 200 with the right translation; meanwhile readiness says degraded, glossary writes answer 503,
     * and afterwards the replicas reconnect by themselves.
     */
    @Test
    @Order(5)
    void killingAndRestartingRedisMidLoadGivesNoWrongAnswerAndNo5xx() throws Exception {
        List<String> ar = Golden.lines("parallel/train.ar");
        List<String> en = Golden.lines("parallel/train.en");
        Map<String, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong slowest = new java.util.concurrent.atomic.AtomicLong();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            ServeReplica target = t % 2 == 0 ? a : b;
            int offset = t;
            clients.add(CompletableFuture.runAsync(() -> {
                int i = offset;
                while (!stop.get()) {
                    int line = 24 + (i % 60);
                    int maxLength = 100 + (i / 60) % 400; // new (line, maxLength) pairs keep missing the local caches
                    i += 4;
                    try {
                        Map<String, Object> req = new LinkedHashMap<>(Map.of("text", ar.get(line), "beams", 1,
                                "maxLength", maxLength));
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = translate(target, req);
                        slowest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                        requests.incrementAndGet();
                        statuses.merge(Integer.toString(r.statusCode()), 1, Integer::sum);
                        if (r.statusCode() == 200 && !translations(json(r)).equals(List.of(en.get(line)))) {
                            wrong.add("line " + line + " maxLength " + maxLength + ": " + translations(json(r)));
                        }
                    } catch (Exception e) {
                        statuses.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                }
            }));
        }
        Thread.sleep(3000);
        int beforeKill = requests.get();
        redis.kill();
        long killedAt = System.nanoTime();
        HttpResponse<String> write = null;
        String degraded = null;
        while (System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(4)) {
            write = a.send("PUT", "/v1/glossaries/outage", "text/tab-separated-values", "وزير\tminister\n");
            degraded = b.send("GET", "/v1/health/ready", null, null).body();
            if (write.statusCode() == 503 && degraded.contains("degraded")) {
                break;
            }
            Thread.sleep(200);
        }
        Thread.sleep(2000);
        int duringOutage = requests.get() - beforeKill;
        redis.restart();
        long restartedAt = System.nanoTime();
        String up = null;
        while (System.nanoTime() - restartedAt < TimeUnit.SECONDS.toNanos(60)) {
            HttpResponse<String> w = a.send("PUT", "/v1/glossaries/after", "text/tab-separated-values", "وزير\tminister\n");
            up = b.send("GET", "/v1/health/ready", null, null).body();
            if (w.statusCode() / 100 == 2 && up.contains("\"status\":\"up\"")) {
                break;
            }
            Thread.sleep(250);
        }
        double reconnectSeconds = (System.nanoTime() - restartedAt) / 1e9;
        Thread.sleep(2000);
        stop.set(true);
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        String metrics = b.send("GET", "/metrics", null, null).body();
        System.out.printf("redis fault under load: %d requests (%d while redis was down), statuses %s, %d wrong, "
                + "slowest %d ms, writes back %.1f s after restart%n", requests.get(), duringOutage, statuses, wrong.size(),
                slowest.get(), reconnectSeconds);

        assertEquals(Map.of("200", requests.get()), statuses, "every translation answered 200");
        assertEquals(List.of(), wrong);
        assertTrue(duringOutage > 0, "requests were served while Redis was down");
        assertEquals(503, write.statusCode(), "a glossary write while Redis is down: " + write.body());
        assertEquals("store_unavailable", json(write).getAsJsonObject("error").get("code").getAsString());
        assertTrue(degraded.contains("\"status\":\"degraded\""), degraded);
        assertTrue(up.contains("\"status\":\"up\""), "reconnected by itself: " + up);
        assertTrue(metrics.matches("(?s).*\\ntarjama_store_errors_total [1-9].*"), "errors counted");
        assertTrue(metrics.contains("\ntarjama_store_up 1"), "up again in the metrics");
        String log = b.stderr();
        int warnings = log.split("is unreachable", -1).length - 1;
        assertTrue(warnings >= 1 && warnings <= 2, "the outage is logged once (per outage seen), not per request: " + warnings);
        assertFalse(log.contains("io.lettuce"), "no log line per reconnect attempt from the client library");
    }
}
