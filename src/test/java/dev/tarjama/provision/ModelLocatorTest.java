package dev.tarjama.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLocatorTest {
    @TempDir
    Path tmp;

    Path defaultDir() {
        return tmp.resolve("models").resolve("opus-mt-ar-en");
    }

    Path modelAt(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{}");
        return dir;
    }

    @Test
    void anExplicitModelDirectoryWins() throws IOException {
        Path explicit = modelAt(tmp.resolve("mine"));
        modelAt(defaultDir());
        ModelLocator locator = new ModelLocator(defaultDir(), Map.of(ModelLocator.MODEL_ENV, modelAt(tmp.resolve("env")).toString()));
        assertEquals(explicit, locator.resolve(Optional.of(explicit.toString())));
    }

    @Test
    void theEnvironmentVariableIsUsedWithoutAnArgument() throws IOException {
        Path fromEnv = modelAt(tmp.resolve("env"));
        modelAt(defaultDir());
        ModelLocator locator = new ModelLocator(defaultDir(), Map.of(ModelLocator.MODEL_ENV, fromEnv.toString()));
        assertEquals(fromEnv, locator.resolve(Optional.empty()));
        assertEquals(fromEnv, locator.resolve(Optional.of("  ")), "a blank --model counts as none");
    }

    @Test
    void theDownloadedModelIsTheDefault() throws IOException {
        modelAt(defaultDir());
        assertEquals(defaultDir(), new ModelLocator(defaultDir(), Map.of()).resolve(Optional.empty()));
    }

    @Test
    void withoutAnyModelOneMessageSaysHowToDownloadOrTryTheDemo() {
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class,
                () -> new ModelLocator(defaultDir(), Map.of()).resolve(Optional.empty()));
        String m = e.getMessage();
        assertTrue(m.startsWith("no model given, and " + defaultDir() + " does not exist"), m);
        assertTrue(m.contains("`java -jar target/tarjama.jar download`"), m);
        assertTrue(m.contains("`--model " + Path.of("models", "tiny-ar-en") + "`"), m);
        assertFalse(m.contains("\n"), "one message, one line");
        assertFalse(Files.exists(defaultDir()), "it never downloads or creates anything");
    }

    @Test
    void anUnfinishedDownloadIsPointedOut() throws IOException {
        Files.createDirectories(defaultDir().resolveSibling("opus-mt-ar-en.partial"));
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class,
                () -> new ModelLocator(defaultDir(), Map.of()).resolve(Optional.empty()));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
        assertTrue(e.getMessage().contains("Resume it with `java -jar target/tarjama.jar download`"), e.getMessage());
    }

    @Test
    void anEmptyDefaultDirectoryIsNotAModel() throws IOException {
        Files.createDirectories(defaultDir());
        assertThrows(ModelNotFoundException.class, () -> new ModelLocator(defaultDir(), Map.of()).resolve(Optional.empty()));
    }

    @Test
    void aNamedDirectoryThatIsMissingOrEmptySaysWhereTheNameCameFrom() throws IOException {
        Path missing = tmp.resolve("nope");
        ModelNotFoundException byArg = assertThrows(ModelNotFoundException.class,
                () -> new ModelLocator(defaultDir(), Map.of()).resolve(Optional.of(missing.toString())));
        assertTrue(byArg.getMessage().startsWith("--model " + missing + ": no such directory"), byArg.getMessage());

        Path empty = Files.createDirectories(tmp.resolve("mounted"));
        ModelNotFoundException byEnv = assertThrows(ModelNotFoundException.class,
                () -> new ModelLocator(defaultDir(), Map.of(ModelLocator.MODEL_ENV, empty.toString())).resolve(Optional.empty()));
        assertTrue(byEnv.getMessage().startsWith(ModelLocator.MODEL_ENV + "=" + empty + ": the directory is empty"),
                byEnv.getMessage());
        assertTrue(byEnv.getMessage().contains("download"), byEnv.getMessage());
    }

    @Test
    void theDemoModelOfTheCheckoutIsFoundWhenNamed() {
        Path demo = ModelLocator.standard().resolve(Optional.of(ModelLocator.DEMO_DIR.toString()));
        assertTrue(Files.isRegularFile(demo.resolve("config.json")));
    }
}
