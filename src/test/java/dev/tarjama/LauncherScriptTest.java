package dev.tarjama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tarjama}, the launcher the container image runs. A stand-in {@code java} (a shell script
 * under a temporary JAVA_HOME) prints the arguments and environment it receives, so the assembled
 * command line is checked without a jar; the last test runs the real jar when it has been built.
 */
class LauncherScriptTest {
    static final Path SCRIPT = Path.of("bin", "tarjama").toAbsolutePath();

    @TempDir
    Path tmp;

    record Result(int code, List<String> out, String err) {}

    @BeforeAll
    static void needsAPosixShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the launcher is a POSIX shell script; no /bin/sh here");
    }

    /** A JAVA_HOME whose bin/java prints one argument per line, then two environment variables. */
    Path fakeJavaHome() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n"
                + "printf 'env OPT_OUT_TRACKING=%s\\n' \"$OPT_OUT_TRACKING\"\n"
                + "printf 'env DJL_CACHE_DIR=%s\\n' \"$DJL_CACHE_DIR\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tmp.resolve("jdk");
    }

    static Result run(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("TARJAMA_JAR");
        pb.environment().remove("DJL_CACHE_DIR");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        return new Result(p.exitValue(), out.lines().toList(), err);
    }

    @Test
    void putsTheServiceFlagsFirstThenJavaOptsThenTheJarAndTheArgumentsUnchanged() throws Exception {
        Path jar = Files.writeString(tmp.resolve("tarjama.jar"), "not really a jar");
        Result r = run(SCRIPT, Map.of("JAVA_HOME", fakeJavaHome().toString(), "TARJAMA_JAR", jar.toString(),
                "JAVA_OPTS", "-Xmx256m  -Dtarjama.threads=2", "HOME", tmp.toString()),
                "serve", "--model", "models/a dir with spaces");
        assertEquals(0, r.code(), r.err());
        // the default heap ceiling (-Xmx1g) comes before JAVA_OPTS, so a JAVA_OPTS -Xmx wins (the last one counts)
        assertEquals(List.of("-XX:+ExitOnOutOfMemoryError", "-Xmx1g", "-Dfile.encoding=UTF-8", "-Dai.djl.offline=true",
                "-DOPT_OUT_TRACKING=true", "-Xmx256m", "-Dtarjama.threads=2", "-jar", jar.toString(),
                "serve", "--model", "models/a dir with spaces",
                "env OPT_OUT_TRACKING=true", "env DJL_CACHE_DIR=" + tmp.resolve(".djl.ai")), r.out());
    }

    @Test
    void keepsAGivenDjlCacheDirectory() throws Exception {
        Path jar = Files.writeString(tmp.resolve("tarjama.jar"), "x");
        Result r = run(SCRIPT, Map.of("JAVA_HOME", fakeJavaHome().toString(), "TARJAMA_JAR", jar.toString(),
                "DJL_CACHE_DIR", "/opt/djl"), "--help");
        assertEquals(0, r.code(), r.err());
        assertEquals("env DJL_CACHE_DIR=/opt/djl", r.out().get(r.out().size() - 1));
        assertEquals(List.of("-jar", jar.toString(), "--help"), r.out().subList(5, 8), "no JAVA_OPTS, no extra words");
    }

    @Test
    void findsTheJarInTheImageLayoutAlsoThroughASymlink() throws Exception {
        Path app = tmp.resolve("app");
        Files.createDirectories(app.resolve("bin"));
        Files.createDirectories(app.resolve("lib"));
        Path script = Files.copy(SCRIPT, app.resolve("bin/tarjama"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.writeString(app.resolve("lib/tarjama.jar"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("tarjama-link"), script);
        Result r = run(link, Map.of("JAVA_HOME", fakeJavaHome().toString()), "download");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(jar.toRealPath().toString()), r.out().toString());
    }

    @Test
    void saysHowToBuildWhenTheJarIsMissing() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("empty/bin"));
        Path script = Files.copy(SCRIPT, app.resolve("tarjama"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result r = run(script, Map.of("JAVA_HOME", fakeJavaHome().toString()), "serve");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("tarjama: cannot find tarjama.jar"), r.err());
        assertTrue(r.err().contains("./mvnw -B package -DskipTests"), r.err());
    }

    @Test
    void runsTheBuiltJar() throws Exception {
        Path jar = Path.of("target", "tarjama.jar");
        assumeTrue(Files.isRegularFile(jar), "target/tarjama.jar is not built (./mvnw package); skipping the real run");
        Result r = run(SCRIPT, Map.of("JAVA_HOME", System.getProperty("java.home")), "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().get(0).startsWith("usage: tarjama"), r.out().toString());
    }
}
