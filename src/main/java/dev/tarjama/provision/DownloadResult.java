package dev.tarjama.provision;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A finished download.
 *
 * @param dir the complete model directory
 * @param commit the commit its files come from
 * @param files the file names in it
 * @param alreadyUpToDate true when nothing had to be fetched
 */
public record DownloadResult(Path dir, String commit, List<String> files, boolean alreadyUpToDate) {
    public DownloadResult {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(commit, "commit");
        files = List.copyOf(files);
    }
}
