package dev.tarjama.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides which model directory {@code serve} loads: the {@code --model} argument, else the
 * {@value #MODEL_ENV} environment variable, else {@code models/opus-mt-ar-en} when it exists. It only
 * looks; it never downloads (a service that downloads at start gets killed by liveness probes
 * half-way). The files inside are checked later, by the model loader.
 */
public final class ModelLocator {
    public static final String MODEL_ENV = "TARJAMA_MODEL";
    public static final Path DEFAULT_DIR = Path.of("models", "opus-mt-ar-en");
    public static final Path DEMO_DIR = Path.of("models", "tiny-ar-en");
    static final String DOWNLOAD_COMMAND = "java -jar target/tarjama.jar download";

    private final Path defaultDir;
    private final Map<String, String> env;

    /**
     * @param defaultDir where {@code download} puts the real model, relative to the working directory
     * @param env the environment to read {@value #MODEL_ENV} from
     */
    public ModelLocator(Path defaultDir, Map<String, String> env) {
        this.defaultDir = Objects.requireNonNull(defaultDir, "defaultDir");
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** The locator of the running program: {@code models/opus-mt-ar-en} and the process environment. */
    public static ModelLocator standard() {
        return new ModelLocator(DEFAULT_DIR, System.getenv());
    }

    /**
     * The model directory to load.
     *
     * @param modelArg the {@code --model} value, if given
     * @throws ModelNotFoundException when the named directory, or the default one, is missing or empty
     */
    public Path resolve(Optional<String> modelArg) {
        Optional<String> arg = modelArg.filter(s -> !s.isBlank());
        if (arg.isPresent()) {
            return named(Path.of(arg.get().strip()), "--model " + arg.get().strip());
        }
        String fromEnv = env.get(MODEL_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return named(Path.of(fromEnv.strip()), MODEL_ENV + "=" + fromEnv.strip());
        }
        if (Files.isDirectory(defaultDir) && !isEmpty(defaultDir)) {
            return defaultDir;
        }
        Path partial = defaultDir.resolveSibling(defaultDir.getFileName() + ".partial");
        String why = Files.isDirectory(partial)
                ? "no model given, and the download into " + defaultDir + " did not finish"
                : "no model given, and " + defaultDir + " does not exist";
        throw new ModelNotFoundException(why + " (looked in " + defaultDir.toAbsolutePath().normalize() + "). "
                + howTo(Files.isDirectory(partial)));
    }

    private static Path named(Path dir, String source) {
        if (!Files.isDirectory(dir)) {
            throw new ModelNotFoundException(source + ": no such directory (" + dir.toAbsolutePath().normalize()
                    + "). " + howTo(false));
        }
        if (isEmpty(dir)) {
            throw new ModelNotFoundException(source + ": the directory is empty (" + dir.toAbsolutePath().normalize()
                    + "); put or mount a model there. " + howTo(false));
        }
        return dir;
    }

    private static String howTo(boolean resume) {
        return (resume ? "Resume it" : "Download Helsinki-NLP/opus-mt-ar-en (about 300 MB)") + " with `"
                + DOWNLOAD_COMMAND + "` and start again, or try the small demo model with `--model " + DEMO_DIR
                + "` (it only knows the test sentences).";
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
