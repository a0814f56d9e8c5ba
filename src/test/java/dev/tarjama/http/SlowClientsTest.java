package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send slowly, stall, or announce more than the limit, over real sockets with short
 * limits configured: they are cut with a JSON 408 or answered 413 at once, count toward the
 * connection limit, and a healthy request is served once they are gone. Time bounds are loose
 * (seconds against the old 30 s), never tight.
 */
class SlowClientsTest {
    private final FakeEngine engine = new FakeEngine();
    private final List<Socket> sockets = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(ClientLimits limits) {
        server = TestServer.start(engine, ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS.withLimits(limits), () -> true);
        return server;
    }

    /** Opens a connection and sends the head of a POST announcing {@code length} body bytes, plus {@code first} of them. */
    private Socket post(int length, int first, int readTimeoutMillis) throws IOException {
        Socket s = new Socket("127.0.0.1", server.app.port());
        sockets.add(s);
        s.setSoTimeout(readTimeoutMillis);
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write("ب".repeat(first / 2).getBytes(StandardCharsets.UTF_8));
        out.flush();
        return s;
    }

    private static void assertJsonError(RawHttp.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.headers().toString());
        JsonObject error = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsString(), r.body());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsAnswered413AtOnceAndTheConnectionClosed() throws Exception {
        start(ClientLimits.DEFAULTS);
        long started = System.nanoTime();
        // announces 100 MB, sends 10 bytes, then waits: the answer must not wait for the body
        Socket s = post(100_000_000, 10, 20_000);
        RawHttp.Response r = RawHttp.read(s.getInputStream());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertJsonError(r, 413, "payload_too_large");
        assertEquals("close", r.header("Connection"));
        assertTrue(r.closed(), "the server closed the connection after the 413");
        assertTrue(ms < 5_000, "answered in " + ms + " ms (was 30 s)");
    }

    @Test
    void aBodyTricklingBelowTheMinimumRateIsCutWith408() throws Exception {
        start(ClientLimits.DEFAULTS.withMinBodyBytesPerSecond(1024).withIdleTimeout(Duration.ofSeconds(5)));
        long started = System.nanoTime();
        Socket s = post(1 << 20, 2, 20_000);
        OutputStream out = s.getOutputStream();
        RawHttp.Response[] answer = new RawHttp.Response[1];
        Thread reader = new Thread(() -> {
            try {
                answer[0] = RawHttp.read(s.getInputStream());
            } catch (IOException e) {
                // left null: asserted below
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 100 && reader.isAlive(); i++) { // one byte every 100 ms: 10 B/s
                out.write('a');
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException closedByServer) {
            // expected once the server gave up
        }
        reader.join(10_000);
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(answer[0] != null, "an answer came back");
        assertJsonError(answer[0], 408, "body_timeout");
        assertTrue(ms < 8_000, ms + " ms");
        assertEquals(0, engine.batches().size());
    }

    @Test
    void aStalledBodyIsCutWith408AfterTheIdleTimeout() throws Exception {
        start(ClientLimits.DEFAULTS.withIdleTimeout(Duration.ofMillis(800)));
        long started = System.nanoTime();
        Socket s = post(1000, 10, 20_000);
        RawHttp.Response r = RawHttp.read(s.getInputStream());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertJsonError(r, 408, "body_timeout");
        assertTrue(ms < 8_000, ms + " ms");
    }

    @Test
    void slowSendersCountTowardTheConnectionLimitAndFreeItWhenCut() throws Exception {
        start(ClientLimits.DEFAULTS.withMaxConnections(3).withIdleTimeout(Duration.ofMillis(1500)));
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slow.add(post(1000, 10, 20_000));
        }
        Thread.sleep(200); // let the server accept them
        Socket fourth = new Socket("127.0.0.1", server.app.port());
        sockets.add(fourth);
        fourth.setSoTimeout(500);
        fourth.getOutputStream().write("GET /v1/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThrows(SocketTimeoutException.class, () -> fourth.getInputStream().read(),
                "not served while three slow senders hold every connection");
        fourth.setSoTimeout(10_000);
        RawHttp.Response r = RawHttp.read(fourth.getInputStream());
        assertEquals(200, r.status(), "served once the slow senders were cut");
        for (Socket s : slow) {
            assertJsonError(RawHttp.read(s.getInputStream()), 408, "body_timeout");
        }
    }

    @Test
    void aSlowTranslationIsNotCutByTheIdleTimeout() throws Exception {
        start(ClientLimits.DEFAULTS.withIdleTimeout(Duration.ofMillis(1000)));
        engine.hold();
        Thread release = new Thread(() -> {
            try {
                engine.awaitFirstBatch(10_000);
                Thread.sleep(3000); // three idle timeouts with no byte on the connection
            } catch (InterruptedException ignored) {
                // released below anyway
            }
            engine.release();
        });
        release.start();
        var r = server.postJson("/v1/translate", "{\"text\": \"جملة بطيئة.\"}");
        assertEquals(200, r.statusCode(), r.body());
        release.join(15_000);
    }
}
