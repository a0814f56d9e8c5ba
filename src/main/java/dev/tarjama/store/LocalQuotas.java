package dev.tarjama.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Quota counts in this process, optionally persisted to an append-only log: one line
 * {@code DAY<TAB>KEY<TAB>DELTA} per charge or refund, written (one {@code write} call) before the
 * request is answered, so a {@code kill -9} loses nothing (the OS has the bytes); a power cut may
 * lose what the disk had not flushed. At start the log is read (a torn last line from a crash is
 * skipped), days before yesterday are dropped and the remaining totals are written to a new log
 * that atomically replaces the old one. Thread-safe (one lock).
 */
public final class LocalQuotas implements QuotaStore, AutoCloseable {
    private record Count(LocalDate day, String key) {}

    private final Map<Count, Long> used = new HashMap<>();
    private final FileChannel log; // null: memory only

    /** Counts in memory only: a restart forgets them. */
    public LocalQuotas() {
        this.log = null;
    }

    /** Counts persisted in {@code file} (created if missing; its directory too). */
    public LocalQuotas(Path file) {
        LocalDate oldest = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
                for (int i = 0; i < lines.length - 1; i++) { // the last piece has no newline: empty or torn
                    parse(lines[i], oldest);
                }
            }
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            StringBuilder compacted = new StringBuilder();
            used.forEach((c, n) -> compacted.append(line(c, n)));
            Files.writeString(tmp, compacted, StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            this.log = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the quota log " + file, e);
        }
    }

    private void parse(String line, LocalDate oldest) {
        String[] f = line.split("\t", -1);
        if (f.length != 3) {
            return; // a line torn by a crash
        }
        try {
            LocalDate day = LocalDate.parse(f[0]);
            long delta = Long.parseLong(f[2]);
            if (!day.isBefore(oldest)) {
                used.merge(new Count(day, f[1]), delta, (a, b) -> Math.max(0, a + b));
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // a line torn by a crash
        }
    }

    private static String line(Count c, long delta) {
        return c.day() + "\t" + c.key() + "\t" + delta + "\n";
    }

    @Override
    public synchronized Charge charge(String keyName, LocalDate day, long chars, long limit) {
        Count c = new Count(day, keyName);
        long before = used.getOrDefault(c, 0L);
        if (before + chars > limit) {
            return new Charge(false, before);
        }
        append(c, chars);
        if (!used.containsKey(c)) {
            used.keySet().removeIf(old -> old.day().isBefore(day.minusDays(1)));
        }
        used.put(c, before + chars);
        return new Charge(true, before);
    }

    @Override
    public synchronized void refund(String keyName, LocalDate day, long chars) {
        Count c = new Count(day, keyName);
        Long before = used.get(c);
        if (before == null || chars <= 0) {
            return;
        }
        long back = Math.min(before, chars);
        append(c, -back);
        used.put(c, before - back);
    }

    /** The count of a key on a day (for tests and diagnostics). */
    public synchronized long used(String keyName, LocalDate day) {
        return used.getOrDefault(new Count(day, keyName), 0L);
    }

    private void append(Count c, long delta) {
        if (log == null) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(line(c, delta).getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                log.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the quota log", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (log != null) {
            log.close();
        }
    }
}
