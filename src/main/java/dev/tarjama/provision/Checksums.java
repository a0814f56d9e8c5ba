package dev.tarjama.provision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** File digests the hub publishes: SHA-256 of LFS content and git blob ids of small files. */
public final class Checksums {
    private Checksums() {}

    /** Lower-case hex SHA-256 of the file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = digest("SHA-256");
        update(md, file);
        return HexFormat.of().formatHex(md.digest());
    }

    /** The git blob id: SHA-1 over {@code "blob <size>\0"} followed by the file's bytes. */
    public static String gitBlobId(Path file) throws IOException {
        MessageDigest md = digest("SHA-1");
        md.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
        update(md, file);
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Checks a complete file against its metadata.
     *
     * @return empty when it matches, else what differs, e.g. {@code "size 10 bytes, expected 12"}
     */
    public static Optional<String> mismatch(Path file, HubFile expected) throws IOException {
        long size = Files.size(file);
        if (expected.sizeKnown() && size != expected.size()) {
            return Optional.of("size " + size + " bytes, expected " + expected.size());
        }
        if (expected.sha256().isPresent()) {
            String actual = sha256(file);
            if (!actual.equals(expected.sha256().get())) {
                return Optional.of("sha256 " + actual + ", expected " + expected.sha256().get());
            }
        } else if (expected.gitBlobId().isPresent()) {
            String actual = gitBlobId(file);
            if (!actual.equals(expected.gitBlobId().get())) {
                return Optional.of("git blob id " + actual + ", expected " + expected.gitBlobId().get());
            }
        }
        return Optional.empty();
    }

    private static void update(MessageDigest md, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
