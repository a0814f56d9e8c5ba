package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.http.HttpApi;
import dev.tarjama.http.HttpConfig;
import dev.tarjama.http.OpsConfig;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import dev.tarjama.translation.TranslationService;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private ServeCommand.Server server(FakeEngine engine, Duration drain) {
        return server(engine, drain, HttpConfig.DEFAULTS);
    }

    private ServeCommand.Server server(FakeEngine engine, Duration drain, HttpConfig httpConfig) {
        TranslationService service = new TranslationService(engine, ServiceConfig.DEFAULTS.withBatch(1, 4096, 0));
        AtomicBoolean ready = new AtomicBoolean(true);
        HttpApi api = new HttpApi(service, ready::get, () -> Map.of("id", "fake"), httpConfig, OpsConfig.DEFAULTS);
        Javalin http = api.start("127.0.0.1", 0);
        return new ServeCommand.Server(http, api, service, () -> events.add("model released"), ready, drain);
    }

    private HttpRequest translate(int port, String text) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/translate"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text + "\"}", StandardCharsets.UTF_8)).build();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anInFlightRequestCompletesWhileShutdownWaitsAndNewRequestsGet503() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.hold();
        try {
            ServeCommand.Server server = server(engine, Duration.ofSeconds(10));
            int port = server.port();
            CompletableFuture<HttpResponse<String>> slow =
                    client.sendAsync(translate(port, "جملة بطيئة."), HttpResponse.BodyHandlers.ofString());
            assertTrue(engine.awaitFirstBatch(5000));
            CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(server::shutdown);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.ready() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertFalse(server.ready(), "readiness turns false first");
            assertEquals(503, get(port, "/v1/health/ready").statusCode());
            HttpResponse<String> refused = client.send(translate(port, "جديدة."), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode());
            assertTrue(refused.body().contains("not_ready"), refused.body());
            Thread.sleep(200);
            assertFalse(shutdown.isDone(), "shutdown waits for the in-flight request");
            assertTrue(events.isEmpty(), "the model is still loaded");
            engine.release();
            HttpResponse<String> done = slow.get(10, TimeUnit.SECONDS);
            assertEquals(200, done.statusCode(), done.body());
            assertTrue(done.body().contains(FakeEngine.expected("جملة بطيئة.")), done.body());
            assertTrue(shutdown.get(10, TimeUnit.SECONDS), "drained within the timeout");
            assertEquals(List.of("model released"), events);
        } finally {
            engine.release();
        }
    }

    @Test
    void theDrainWaitIsBounded() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.hold();
        try {
            ServeCommand.Server server = server(engine, Duration.ofMillis(300));
            CompletableFuture<HttpResponse<String>> stuck =
                    client.sendAsync(translate(server.port(), "عالقة."), HttpResponse.BodyHandlers.ofString());
            assertTrue(engine.awaitFirstBatch(5000));
            long started = System.nanoTime();
            CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(server::shutdown);
            Thread.sleep(500);
            engine.release(); // let the stuck worker go so that the batcher can stop
            assertFalse(shutdown.get(15, TimeUnit.SECONDS), "reported as not drained");
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertTrue(ms < 10_000, ms + " ms");
            assertEquals(List.of("model released"), events);
            stuck.handle((r, e) -> null).get(10, TimeUnit.SECONDS);
        } finally {
            engine.release();
        }
    }

    @Test
    void slowSendersDoNotHoldTheDrainPastItsDeadline() throws Exception {
        FakeEngine engine = new FakeEngine();
        // no minimum rate and a long idle timeout: only the shutdown can end these uploads
        HttpConfig http = HttpConfig.DEFAULTS.withLimits(dev.tarjama.http.ClientLimits.DEFAULTS
                .withMinBodyBytesPerSecond(0).withIdleTimeout(Duration.ofSeconds(60)));
        ServeCommand.Server server = server(engine, Duration.ofSeconds(8), http);
        List<java.net.Socket> slow = new ArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread trickle = new Thread(() -> {
            while (sending.get()) {
                for (java.net.Socket s : List.copyOf(slow)) {
                    try {
                        s.getOutputStream().write('a');
                        s.getOutputStream().flush();
                    } catch (java.io.IOException closed) {
                        // the server closed it
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            for (int i = 0; i < 3; i++) {
                java.net.Socket s = new java.net.Socket("127.0.0.1", server.port());
                s.setSoTimeout(20_000);
                s.getOutputStream().write(("POST /v1/translate HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                slow.add(s);
            }
            trickle.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.api().inFlight() < 3 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals(3, server.api().inFlight(), "the three uploads are in flight");
            long started = System.nanoTime();
            boolean drained = server.shutdown();
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("shutdown with 3 slow senders: %d ms (drain timeout 8000 ms)%n", ms);
            assertTrue(drained, "requests still receiving their body are not waited for");
            assertTrue(ms < 8_000, ms + " ms");
            for (java.net.Socket s : slow) {
                // the connection ends (a 503/408 answer, EOF or a reset): never left hanging
                try {
                    byte[] rest = s.getInputStream().readAllBytes();
                    assertTrue(rest.length >= 0);
                } catch (java.io.IOException reset) {
                    // closed by the server
                }
            }
            assertEquals(List.of("model released"), events);
        } finally {
            sending.set(false);
            trickle.interrupt();
            for (java.net.Socket s : slow) {
                s.close();
            }
        }
    }
}
