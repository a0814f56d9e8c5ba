package dev.tarjama.provision;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One file of a hub repository as its metadata describes it.
 *
 * @param name path inside the repository, e.g. {@code model.safetensors}
 * @param size content length in bytes, or {@code -1} when the hub did not say
 * @param sha256 lower-case hex SHA-256 of the content; given for LFS files only
 * @param gitBlobId lower-case hex git blob id; verifies the content of files stored in git itself
 *     (for LFS files it names the pointer, not the content, so it is not kept for them)
 */
public record HubFile(String name, long size, Optional<String> sha256, Optional<String> gitBlobId) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

    public HubFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(gitBlobId, "gitBlobId");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty file name");
        }
        if (size < -1) {
            throw new IllegalArgumentException(name + ": negative size " + size);
        }
        sha256 = sha256.map(s -> s.toLowerCase(java.util.Locale.ROOT));
        gitBlobId = gitBlobId.map(s -> s.toLowerCase(java.util.Locale.ROOT));
        if (sha256.isPresent() && !SHA256.matcher(sha256.get()).matches()) {
            throw new IllegalArgumentException(name + ": malformed sha256 '" + sha256.get() + "'");
        }
        if (gitBlobId.isPresent() && !SHA1.matcher(gitBlobId.get()).matches()) {
            throw new IllegalArgumentException(name + ": malformed git blob id '" + gitBlobId.get() + "'");
        }
    }

    public boolean sizeKnown() {
        return size >= 0;
    }
}
