package dev.tarjama.provision;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One try at bringing one file into its {@code .partial}: resumes from the bytes already there with
 * {@code Range}, starts over when the server ignores the range (200) or rejects it (416), and never
 * writes past the expected size (nor, when the listing gives no size, past the per-file cap of
 * {@link ContentCheck#capFor}). A body that stalls is closed (its bytes so far stay for the resume).
 * The bytes are forced to disk before it returns. Checking the content
 * and renaming the file is the caller's part.
 */
final class FileTransfer {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HubClient client;
    private final DownloadProgress progress;
    private final Duration stallTimeout;

    /** @param stallTimeout a transfer that receives no bytes for this long is dropped (and resumed) */
    FileTransfer(HubClient client, DownloadProgress progress, Duration stallTimeout) {
        this.client = client;
        this.progress = progress;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Fills {@code partial} with {@code file}'s bytes.
     *
     * @throws DownloadException retryable when the transfer broke off (the bytes so far stay for the
     *     next try)
     */
    void fetch(String repo, String commit, HubFile file, Path partial) {
        String name = file.name();
        long have = existingSize(partial);
        if (file.sizeKnown() && have > file.size()) {
            delete(partial);
            have = 0;
        }
        if (file.sizeKnown() && have == file.size() && have > 0) {
            return;
        }
        HttpResponse<InputStream> r = client.openFile(repo, commit, name, have);
        try (InputStream body = r.body()) {
            long expected = file.size();
            boolean append;
            switch (r.statusCode()) {
                case 206 -> {
                    OptionalLong start = rangeStart(r);
                    if (start.isEmpty() || start.getAsLong() != have) {
                        delete(partial);
                        throw new DownloadException(name + ": the server sent another range than asked for; starting"
                                + " over", true);
                    }
                    append = true;
                }
                case 416 -> {
                    delete(partial);
                    throw new DownloadException(name + ": the server refused to resume at byte " + have
                            + "; starting over", true);
                }
                default -> {
                    if (have > 0) {
                        progress.message("  " + name + ": the server does not resume downloads; starting over");
                    }
                    have = 0;
                    append = false;
                    if (!file.sizeKnown()) {
                        expected = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                        if (expected > ContentCheck.capFor(name)) {
                            delete(partial);
                            throw unlistedTooLarge(name, expected + " bytes announced");
                        }
                    }
                }
            }
            progress.started(name, expected, have);
            long total;
            try (StallWatch watch = new StallWatch(body, stallTimeout)) {
                total = copy(body, partial, append, have, expected, file.sizeKnown(), name, watch);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw DownloadException.permanent("download interrupted");
                }
                throw e;
            }
            if (expected >= 0 && total != expected) {
                throw new DownloadException(name + ": the transfer ended at " + total + " of " + expected + " bytes", true);
            }
            progress.finished(name);
        } catch (IOException e) {
            throw new DownloadException("the transfer of " + name + " broke off (" + e.getMessage() + ")", true, e);
        }
    }

    private long copy(InputStream body, Path partial, boolean append, long have, long expected, boolean sizeListed,
            String name, StallWatch watch) throws IOException {
        long total = have;
        try (FileChannel ch = openForWriting(partial, append)) {
            byte[] buffer = new byte[1 << 16];
            try {
                int n;
                while ((n = watch.read(buffer)) > 0) {
                    if (!sizeListed && total + n > ContentCheck.capFor(name)) {
                        ch.close();
                        delete(partial);
                        throw unlistedTooLarge(name, "more sent");
                    }
                    if (expected >= 0 && total + n > expected) {
                        ch.close();
                        delete(partial);
                        throw new DownloadException(name + ": the server sent more than the expected " + expected
                                + " bytes; the partial file was deleted", true);
                    }
                    write(ch, ByteBuffer.wrap(buffer, 0, n), partial);
                    total += n;
                    progress.advanced(name, total);
                }
            } finally {
                if (ch.isOpen()) {
                    ch.force(true);
                }
            }
        }
        return total;
    }

    /** A file whose size the hub does not list is refused past {@link ContentCheck#capFor} bytes. */
    private static DownloadException unlistedTooLarge(String name, String what) {
        return DownloadException.permanent(name + ": the hub's listing gives no size for it and the server sent"
                + " more than the " + ContentCheck.capFor(name) + "-byte cap for such a file (" + what
                + "); the partial file was deleted. Use a mirror that lists sizes and digests");
    }

    private static FileChannel openForWriting(Path partial, boolean append) {
        try {
            Files.createDirectories(partial.getParent());
            return FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new DownloadException("cannot write " + partial + " (" + e.getMessage() + ")", false, e);
        }
    }

    /** A failed write (disk full, read-only) is not worth retrying, unlike a failed read. */
    private static void write(FileChannel ch, ByteBuffer bytes, Path partial) {
        try {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
        } catch (IOException e) {
            throw new DownloadException("cannot write " + partial + " (" + e.getMessage() + ")", false, e);
        }
    }

    private static OptionalLong rangeStart(HttpResponse<?> r) {
        Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("Content-Range").orElse("").strip());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    private static long existingSize(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw DownloadException.permanent("cannot delete " + p + ": " + e.getMessage());
        }
    }
}
