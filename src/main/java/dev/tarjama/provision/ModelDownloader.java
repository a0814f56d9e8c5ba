package dev.tarjama.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Downloads a MarianMT repository from a Hugging Face compatible hub into a model directory.
 *
 * <p>The revision is resolved to a commit first and every file is fetched at that commit, so a
 * resumed download cannot mix two versions. Files land in {@code <dir>.partial/} (each as
 * {@code <name>.partial} until it is complete and matches the hub's size and digest, then renamed);
 * once all are there the manifest ({@link DownloadManifest}) is written and the directory is renamed
 * to {@code <dir>}. An interrupted run leaves only {@code <dir>.partial/}, which the next run
 * resumes; {@code <dir>} is never half-written. A file the listing gives no digest for is checked
 * to parse as what its name says ({@link ContentCheck}), and without a listed size it is capped
 * ({@link ContentCheck#capFor}). Transient failures are retried per
 * {@link RetryPolicy}; a file that fails its checksum is deleted and fetched again.
 */
public final class ModelDownloader {
    private static final String LOCK = ".lock";

    private final HubSettings settings;
    private final RetryPolicy retry;
    private final DownloadProgress progress;
    private final HubClient client;
    private final FileTransfer transfer;
    private final Clock clock;

    public ModelDownloader(HubSettings settings, RetryPolicy retry, DownloadProgress progress) {
        this(settings, retry, progress, Clock.systemUTC());
    }

    ModelDownloader(HubSettings settings, RetryPolicy retry, DownloadProgress progress, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.client = new HubClient(settings);
        this.transfer = new FileTransfer(client, progress, settings.responseTimeout());
        this.clock = clock;
    }

    /** {@code modelsDir/<name>} for repository {@code owner/name}. */
    public static Path defaultTarget(Path modelsDir, String repo) {
        return modelsDir.resolve(repo.substring(repo.lastIndexOf('/') + 1));
    }

    /**
     * Brings {@code repo} at {@code revision} into {@code target}.
     *
     * @throws DownloadException with one message for the user; {@code target} is then unchanged
     */
    public DownloadResult download(String repo, String revision, Path target) {
        if (!HubClient.validRepoId(repo)) {
            throw DownloadException.permanent("'" + repo + "' is not a hub repository id such as Helsinki-NLP/opus-mt-ar-en");
        }
        if (revision.isBlank()) {
            throw DownloadException.permanent("the revision is empty");
        }
        Path dir = target.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        if (parent == null) {
            throw DownloadException.permanent("cannot download into " + dir);
        }
        Path staging = parent.resolve(dir.getFileName() + ".partial");
        HubRepoInfo info = retry.run(() -> client.repoInfo(repo, revision), this::retrying);
        MarianFiles plan = MarianFiles.select(info);
        for (String absent : plan.absentOptional()) {
            progress.message("note: " + repo + " has no " + absent + " (optional)");
        }
        List<String> names = plan.files().stream().map(HubFile::name).toList();
        Optional<DownloadManifest> existing = existingDownload(dir);
        if (existing.isPresent() && upToDate(existing.get(), info, plan, dir)) {
            progress.message(dir + " is up to date (" + repo + " at " + shortId(info.commit()) + ")");
            return new DownloadResult(dir, info.commit(), names, true);
        }
        progress.message("downloading " + repo + " at " + shortId(info.commit())
                + (revision.equals(info.commit()) ? "" : " (" + revision + ")") + " from " + settings.displayHost());
        try {
            Files.createDirectories(staging);
            Path lockFile = staging.resolve(LOCK);
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = tryLock(ch, dir)) {
                for (HubFile f : plan.files()) {
                    fetchOne(info, f, staging, existing.isPresent() ? dir : null);
                }
                removeOthers(staging, names);
                new DownloadManifest(repo, revision, info.commit(), settings.displayHost(),
                        Instant.now(clock).toString(), plan.files()).write(staging);
            }
            Files.deleteIfExists(lockFile);
            moveIntoPlace(staging, dir);
        } catch (IOException e) {
            throw new DownloadException("cannot write the model into " + parent + " (" + e.getMessage() + ")", false, e);
        }
        progress.message("model ready in " + dir);
        return new DownloadResult(dir, info.commit(), names, false);
    }

    private void fetchOne(HubRepoInfo info, HubFile f, Path staging, Path previous) throws IOException {
        Path dest = staging.resolve(f.name());
        if (Files.isRegularFile(dest)) {
            boolean valid = ContentCheck.hasDigest(f) || ContentCheck.problem(f.name(), dest).isEmpty();
            if (Checksums.mismatch(dest, f).isEmpty() && valid) {
                progress.message("  " + f.name() + ": already downloaded");
                return;
            }
            Files.delete(dest);
        }
        Path partial = staging.resolve(f.name() + ".partial");
        if (previous != null && (f.sha256().isPresent() || f.gitBlobId().isPresent())) {
            Path old = previous.resolve(f.name());
            if (Files.isRegularFile(old) && Checksums.mismatch(old, f).isEmpty()) {
                Files.copy(old, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, dest, StandardCopyOption.ATOMIC_MOVE);
                progress.message("  " + f.name() + ": unchanged, kept");
                return;
            }
        }
        retry.run(() -> {
            transfer.fetch(info.repo(), info.commit(), f, partial);
            try {
                Optional<String> mismatch = Checksums.mismatch(partial, f);
                if (mismatch.isPresent()) {
                    FileTransfer.delete(partial);
                    throw new DownloadException(f.name() + " does not match the hub's metadata (" + mismatch.get()
                            + "); the corrupt file was deleted", true);
                }
                if (!ContentCheck.hasDigest(f)) {
                    Optional<String> problem = ContentCheck.problem(f.name(), partial);
                    if (problem.isPresent()) {
                        FileTransfer.delete(partial);
                        throw DownloadException.permanent(f.name() + " from " + settings.displayHost() + " has no digest"
                                + " in the hub's listing and is not a valid " + f.name() + " (" + problem.get()
                                + "); it was deleted and the model was not installed");
                    }
                }
                Files.move(partial, dest, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new DownloadException("cannot check or rename " + partial + " (" + e.getMessage() + ")", false, e);
            }
            return null;
        }, this::retrying);
    }

    private Optional<DownloadManifest> existingDownload(Path dir) {
        if (!Files.exists(dir)) {
            return Optional.empty();
        }
        Optional<DownloadManifest> m = DownloadManifest.read(dir);
        if (m.isEmpty() && !isEmptyDirectory(dir)) {
            throw DownloadException.permanent(dir + " already exists and was not made by `tarjama download`;"
                    + " move it away or download into another --dir");
        }
        return m;
    }

    /** Same commit, same files, sizes as listed (digests were checked when the files were written). */
    private static boolean upToDate(DownloadManifest m, HubRepoInfo info, MarianFiles plan, Path dir) {
        if (!m.commit().equals(info.commit()) || !m.files().equals(plan.files())) {
            return false;
        }
        for (HubFile f : plan.files()) {
            Path p = dir.resolve(f.name());
            try {
                if (!Files.isRegularFile(p) || (f.sizeKnown() && Files.size(p) != f.size())) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static FileLock tryLock(FileChannel ch, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw DownloadException.permanent("another download into " + dir + " is running");
        }
        return lock;
    }

    /** Leftovers of an earlier plan (e.g. weights of another format) do not belong in the model. */
    private static void removeOthers(Path staging, List<String> keep) throws IOException {
        Set<String> allowed = new HashSet<>(keep);
        allowed.add(LOCK);
        try (Stream<Path> s = Files.list(staging)) {
            for (Path p : s.toList()) {
                if (!allowed.contains(p.getFileName().toString())) {
                    deleteTree(p);
                }
            }
        }
    }

    /** Renames the finished staging directory to {@code dir}, replacing an earlier download. */
    private static void moveIntoPlace(Path staging, Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = dir.resolveSibling(dir.getFileName() + ".old");
        deleteTree(old);
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteTree(old);
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void retrying(String why) {
        progress.message("  " + why);
    }

    private static String shortId(String commit) {
        return commit.substring(0, 12);
    }
}
