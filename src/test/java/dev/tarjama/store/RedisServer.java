package dev.tarjama.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (the Debian package) for tests, on 127.0.0.1 and a free port, with
 * persistence off ({@code --save '' --appendonly no}). Tests that need it call {@link #start}, which
 * skips them with a clear message when {@code redis-server} is not installed. {@link #kill} ends it
 * with SIGKILL and {@link #restart} starts it again on the same port.
 */
public final class RedisServer implements AutoCloseable {
    private final Path binary;
    private final int port;
    private final String password;
    private Process process;

    private RedisServer(Path binary, int port, String password) {
        this.binary = binary;
        this.port = port;
        this.password = password;
    }

    /** Starts a server, or skips the calling test when redis-server is absent. */
    public static RedisServer start() throws Exception {
        return start(null);
    }

    /** Starts a server that requires {@code password} (null: none). */
    public static RedisServer start(String password) throws Exception {
        Path binary = find();
        Assumptions.assumeTrue(binary != null,
                "redis-server is not installed (Debian: apt-get install redis-server); skipping the Redis tests");
        RedisServer server = new RedisServer(binary, freePort(), password);
        server.launch();
        return server;
    }

    private static Path find() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/sbin:/usr/local/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private void launch() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"));
        if (password != null) {
            cmd.addAll(List.of("--requirepass", password));
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + " on port " + port);
            }
            if (answersPing()) {
                return;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not answer on port " + port + " within 20 s");
    }

    /** One PING over a plain socket (readiness only; the code under test uses Lettuce). */
    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            String cmd = password == null ? "PING\r\n" : "AUTH " + password + "\r\nPING\r\n";
            out.write(cmd.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            StringBuilder got = new StringBuilder();
            while (!got.toString().contains("PONG") && !got.toString().contains("-")) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
            return got.toString().contains("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT/DB} (with the password when there is one). */
    public String uri(int db) {
        return "redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port + "/" + db;
    }

    /** Ends the server with SIGKILL (no shutdown, no save) and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Freezes the server (SIGSTOP): connections stay open, nothing is answered (a slow Redis). */
    public void pause() throws Exception {
        signal("-STOP");
    }

    /** Lets a paused server go on (SIGCONT). */
    public void resume() throws Exception {
        signal("-CONT");
    }

    private void signal(String sig) throws Exception {
        Process kill = new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + sig + " failed");
        }
    }

    /** Starts it again on the same port (empty: persistence is off). */
    public void restart() throws Exception {
        launch();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            resume();
            kill();
        }
    }
}
