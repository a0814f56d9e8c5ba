package dev.tarjama.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs podman (or a script that runs it) as a child process with a time limit; the command and its
 * output go to a log file too. The global options default to what works on the project's Debian hosts (runc, not
 * crun; cgroupfs; file events); {@code TARJAMA_PODMAN} replaces the whole command, e.g. {@code podman}.
 */
public final class Podman {
    /** The podman command with its global options. */
    public static final List<String> COMMAND = List.of(Optional.ofNullable(System.getenv("TARJAMA_PODMAN"))
            .filter(s -> !s.isBlank()).orElse("podman --runtime runc --cgroup-manager cgroupfs --events-backend file")
            .trim().split("\\s+"));

    /** Exit status, standard output and standard error of a finished command. */
    public record Result(int exit, String output, String errors) {
        public boolean ok() {
            return exit == 0;
        }

        /** The last lines of both outputs, for failure messages. */
        public String tail() {
            String[] lines = (output + "\n" + errors).strip().split("\n");
            return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 30), lines.length));
        }
    }

    private final Path log;

    /** @param log where every command and its output are appended */
    public Podman(Path log) {
        this.log = log;
    }

    /** Options for containers and build steps on these hosts: host network, explicit ulimits. */
    public static List<String> runOptions() {
        String hard = hardOpenFiles();
        return List.of("--network", "host", "--ulimit", "nofile=" + hard + ":" + hard, "--ulimit", "nproc=32768:32768");
    }

    /** Why podman cannot run containers here, or empty when it can. */
    public static Optional<String> unavailable() {
        try {
            Path tmp = Files.createTempFile("podman-probe", ".log");
            try {
                Result r = new Podman(tmp).podman(Duration.ofSeconds(60), "info", "--format", "{{.Host.OCIRuntime.Name}}");
                return r.ok() ? Optional.empty() : Optional.of("'" + String.join(" ", COMMAND) + " info' failed: " + r.tail());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot start '" + COMMAND.get(0) + "': " + e.getMessage());
        }
    }

    /** {@code podman ARGS...} with the global options. */
    public Result podman(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(COMMAND);
        cmd.addAll(List.of(args));
        return exec(cmd, Map.of(), timeout);
    }

    /** Like {@link #podman} but throws, with the output's tail, unless the exit status is 0. */
    public String podmanOk(Duration timeout, String... args) {
        Result r = podman(timeout, args);
        if (!r.ok()) {
            throw new AssertionError("podman " + String.join(" ", args) + " exited " + r.exit() + ":\n" + r.tail());
        }
        return r.output().strip();
    }

    /** Any command, with extra environment variables. */
    public Result exec(List<String> cmd, Map<String, String> env, Duration timeout) {
        try {
            Path out = Files.createTempFile("podman", ".out");
            Path err = Files.createTempFile("podman", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                    append(cmd, out, err, "(killed after " + timeout.toSeconds() + " s)");
                    throw new AssertionError(String.join(" ", cmd) + ": no result within " + timeout.toSeconds() + " s; see " + log);
                }
                append(cmd, out, err, "(exit " + p.exitValue() + ")");
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void append(List<String> cmd, Path out, Path err, String status) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "$ " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.write(log, Files.readAllBytes(out), StandardOpenOption.APPEND);
        Files.write(log, Files.readAllBytes(err), StandardOpenOption.APPEND);
        Files.writeString(log, status + "\n\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String hardOpenFiles() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "ulimit -Hn").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return v.matches("\\d+") ? v : "1048576";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
