package dev.tarjama.glossary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named glossaries persisted as one UTF-8 TSV file per glossary ({@code <name>.tsv}, the
 * {@link GlossaryFormat#TSV} format) under a configured directory. Names are validated by
 * {@link Glossary#validateName}, so a name can never escape the directory. Writes go to a temporary
 * file in the same directory, are forced to disk and then moved over the target atomically, so a
 * crash leaves either the old or the new glossary, never half of one; leftover temporary files are
 * removed at start. Everything in the directory is loaded at construction (the store survives a
 * restart). Thread-safe: reads are lock-free, writes are serialized.
 */
public final class GlossaryStore implements Glossaries {
    private static final Pattern FILE = Pattern.compile("([A-Za-z0-9_-]{1,64})\\.tsv");
    private static final String TMP_SUFFIX = ".tmp";

    /** Limits: glossaries in the store, entries per glossary, bytes per glossary file. */
    public record Limits(int maxGlossaries, int maxEntries, long maxBytes) {
        public Limits {
            if (maxGlossaries < 1 || maxEntries < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("glossary limits must be positive");
            }
        }

        /** 1000 glossaries, 10 000 entries, 10 MiB each (DeepL allows 1000 glossaries of 10 MiB). */
        public static Limits defaults() {
            return new Limits(1000, 10_000, 10L * 1024 * 1024);
        }
    }

    private final Path dir;
    private final Limits limits;
    private final ConcurrentHashMap<String, Glossary> glossaries = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    /**
     * Opens (creating it if needed) the directory and loads every {@code <name>.tsv} in it.
     *
     * @throws IllegalStateException naming the file and line if a stored glossary cannot be read
     */
    public GlossaryStore(Path dir, Limits limits) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        this.limits = Objects.requireNonNull(limits, "limits");
        try {
            Files.createDirectories(this.dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(this.dir)) {
                for (Path file : files) {
                    String fileName = file.getFileName().toString();
                    Matcher m = FILE.matcher(fileName);
                    if (fileName.startsWith(".") && fileName.endsWith(TMP_SUFFIX)) {
                        Files.deleteIfExists(file);
                    } else if (m.matches() && Files.isRegularFile(file)) {
                        glossaries.put(m.group(1), load(m.group(1), file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open glossary directory " + this.dir, e);
        }
    }

    private static Glossary load(String name, Path file) throws IOException {
        try {
            return new Glossary(name, GlossaryFormat.TSV.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | UncheckedIOException | java.nio.charset.MalformedInputException e) {
            throw new IllegalStateException("stored glossary " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public Limits limits() {
        return limits;
    }

    @Override
    public Optional<Glossary> get(String name) {
        return Optional.ofNullable(glossaries.get(Glossary.validateName(name)));
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>(glossaries.keySet());
        names.sort(null);
        return names;
    }

    /** Parses CSV/TSV content and stores it under {@code name}; see {@link #put(Glossary)}. */
    public boolean put(String name, GlossaryFormat format, String content) {
        Glossary.validateName(name);
        long bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxBytes()) {
            throw new GlossaryLimitException("glossary is " + bytes + " bytes; at most " + limits.maxBytes() + " allowed");
        }
        return put(new Glossary(name, format.parse(content)));
    }

    @Override
    public boolean put(Glossary glossary) {
        byte[] bytes = encode(glossary, limits);
        synchronized (writeLock) {
            boolean created = !glossaries.containsKey(glossary.name());
            if (created && glossaries.size() >= limits.maxGlossaries()) {
                throw new GlossaryLimitException("the store already holds " + glossaries.size() + " glossaries; at most "
                        + limits.maxGlossaries() + " allowed");
            }
            writeAtomically(file(glossary.name()), bytes);
            glossaries.put(glossary.name(), glossary);
            return created;
        }
    }

    @Override
    public boolean delete(String name) {
        Glossary.validateName(name);
        synchronized (writeLock) {
            try {
                boolean existed = Files.deleteIfExists(file(name));
                return glossaries.remove(name) != null || existed;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete glossary " + name, e);
            }
        }
    }

    /**
     * The stored form of a glossary (UTF-8 TSV), after checking the reserved name and the entry and
     * size limits; every {@link Glossaries} implementation stores this.
     *
     * @throws GlossaryLimitException over the entry or size limit
     */
    public static byte[] encode(Glossary glossary, Limits limits) {
        if (glossary.name().equals(Glossary.INLINE)) {
            throw new IllegalArgumentException("the name " + Glossary.INLINE + " is reserved for inline glossaries");
        }
        if (glossary.entries().size() > limits.maxEntries()) {
            throw new GlossaryLimitException("glossary has " + glossary.entries().size() + " entries; at most "
                    + limits.maxEntries() + " allowed");
        }
        byte[] bytes = GlossaryFormat.TSV.write(glossary.entries()).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > limits.maxBytes()) {
            throw new GlossaryLimitException("glossary is " + bytes.length + " bytes; at most " + limits.maxBytes() + " allowed");
        }
        return bytes;
    }

    /** Reads what {@link #encode} wrote back into the glossary {@code name}. */
    public static Glossary decode(String name, String tsv) {
        return new Glossary(name, GlossaryFormat.TSV.parse(tsv));
    }

    private Path file(String name) {
        Path file = dir.resolve(name + ".tsv").normalize();
        if (!dir.equals(file.getParent())) {
            throw new IllegalArgumentException("glossary name escapes the directory: " + name);
        }
        return file;
    }

    private void writeAtomically(Path target, byte[] bytes) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + "-", TMP_SUFFIX);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write glossary file " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the next start removes it
                }
            }
        }
    }
}
