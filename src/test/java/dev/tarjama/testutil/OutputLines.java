package dev.tarjama.testutil;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A child process's output, line by line, read on a daemon thread so the process never blocks on a full pipe. */
public final class OutputLines {
    private OutputLines() {}

    /** The lines of {@code output} as they arrive; the reader stops when the stream ends. */
    public static BlockingQueue<String> follow(InputStream output) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception ended) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
