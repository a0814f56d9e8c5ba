package dev.tarjama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the Dockerfile without building it ({@link ContainerImageIT} builds and runs
 * it): every file it copies from the build context exists and is not excluded by .dockerignore, the
 * base images are build arguments, and the runtime stage runs the launcher (tested in
 * {@link LauncherScriptTest}) as a non-root user with a readiness health check.
 */
class DockerfileTest {
    static final Path DOCKERFILE = Path.of("Dockerfile");
    /** Made by {@code tarjama download}; only needed with {@code --build-arg MODEL=opus-mt-ar-en}. */
    static final String OPTIONAL_SOURCE = "models/opus-mt-ar-en";

    static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            if (line.strip().startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                out.add(current.append(line).toString().strip());
                current.setLength(0);
            }
        }
        return out;
    }

    /** Sources of COPY instructions that read the build context (no {@code --from}). */
    static List<String> contextSources() throws IOException {
        List<String> sources = new ArrayList<>();
        for (String i : instructions()) {
            if (i.startsWith("COPY ") && !i.contains("--from=")) {
                String[] words = i.substring(5).strip().split("\\s+");
                for (int k = 0; k < words.length - 1; k++) {
                    if (!words[k].startsWith("--")) {
                        sources.add(words[k]);
                    }
                }
            }
        }
        return sources;
    }

    @Test
    void everyCopiedContextPathExists() throws IOException {
        List<String> sources = contextSources();
        assertTrue(sources.containsAll(List.of("pom.xml", "mvnw", ".mvn/", "src/main/", "bin/", "models/tiny-ar-en/")), sources.toString());
        for (String s : sources) {
            assertTrue(Files.exists(Path.of(s)), "COPY " + s + ": not in the repository");
        }
    }

    @Test
    void noStageCopiesTheOptionalModelByName() throws IOException {
        // the legacy builder runs every stage, so such a COPY fails whenever the model is not downloaded
        for (String s : contextSources()) {
            assertFalse(s.startsWith(OPTIONAL_SOURCE), "COPY " + s);
        }
    }

    @Test
    void strippingTheNativesKeepsTheSymbolsMklDispatchLooksUp() throws Exception {
        String dockerfile = String.join("\n", instructions());
        assertTrue(dockerfile.contains("strip --strip-unneeded"), "the natives are stripped");
        for (String constant : List.of("INTEL_TRUE", "INTEL")) {
            java.lang.reflect.Field f = dev.tarjama.model.MklDispatch.class.getDeclaredField(constant);
            f.setAccessible(true);
            String symbol = (String) f.get(null);
            assertTrue(dockerfile.contains("-K " + symbol + " "), "strip keeps " + symbol);
        }
    }

    @Test
    void theBaseImagesAreBuildArgumentsWithThePublicImagesAsDefaults() throws IOException {
        List<String> all = instructions();
        assertTrue(all.contains("ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17"), all.toString());
        assertTrue(all.stream().anyMatch(i -> i.matches("ARG RUNTIME_IMAGE=eclipse-temurin:17-jre\\S*")), all.toString());
        assertTrue(all.indexOf("FROM ${BUILD_IMAGE} AS build") > 0, "the build stage starts from BUILD_IMAGE");
        assertEquals("FROM ${RUNTIME_IMAGE}", all.stream().filter(i -> i.startsWith("FROM ")).reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void dockerignoreKeepsEveryCopiedPath() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals("*", lines.get(0), "everything is excluded first, then what the build reads is let back in");
        for (String s : contextSources()) {
            // a folder is in the context when it or a folder inside it is let back in
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("!" + s) && (l.length() == s.length() + 1 || s.endsWith("/"))),
                    ".dockerignore does not let " + s + " into the build context");
        }
    }

    @Test
    void theRuntimeStageRunsTheLauncherAsNonRootWithAReadinessCheck() throws IOException {
        List<String> all = instructions();
        int runtime = -1;
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).startsWith("FROM ")) {
                runtime = k;
            }
        }
        List<String> stage = all.subList(runtime, all.size());
        assertEquals("FROM ${RUNTIME_IMAGE}", stage.get(0));
        String user = stage.stream().filter(i -> i.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
        assertFalse(user.matches("USER (root|0)(:.*)?"), user);
        assertTrue(stage.contains("ENTRYPOINT [\"/app/bin/tarjama\"]"), stage.toString());
        assertTrue(stage.stream().anyMatch(i -> i.startsWith("COPY --from=build /src/bin/tarjama /app/bin/tarjama")));
        Matcher health = Pattern.compile("HEALTHCHECK .* CMD curl -fsS .*/v1/health/ready").matcher(String.join("\n", stage));
        assertTrue(health.find(), "HEALTHCHECK on the readiness endpoint");
        assertTrue(stage.stream().anyMatch(i -> i.contains("DJL_CACHE_DIR=/opt/djl")), "the natives extracted at build time are used");
        assertTrue(stage.contains("COPY --from=build /opt/tarjama/tarjama.jar /app/lib/tarjama.jar"),
                "the jar without its zipped natives (SlimJar), not target/tarjama.jar");
    }
}
