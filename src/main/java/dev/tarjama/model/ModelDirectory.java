package dev.tarjama.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face MarianMT model directory ({@code Helsinki-NLP/opus-mt-*} layout): config files, the
 * two SentencePiece models, the joint vocabulary and the weights ({@code model.safetensors}, or
 * {@code pytorch_model.bin} when there is no safetensors file). Opening checks that every file is
 * there and reads the config; weights are read on demand.
 */
public final class ModelDirectory {
    public static final String SOURCE_SPM = "source.spm";
    public static final String TARGET_SPM = "target.spm";
    public static final String VOCAB = "vocab.json";
    public static final String SAFETENSORS = "model.safetensors";
    public static final String TORCH_BIN = "pytorch_model.bin";

    private final Path dir;
    private final MarianConfig config;
    private final Path weightsFile;
    private volatile String revision;

    private ModelDirectory(Path dir, MarianConfig config, Path weightsFile) {
        this.dir = dir;
        this.config = config;
        this.weightsFile = weightsFile;
    }

    /**
     * Opens a model directory.
     *
     * @throws ModelLoadException one line naming the directory and every missing file, or the
     *     config problem
     */
    public static ModelDirectory open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new ModelLoadException("model directory " + abs + " does not exist or is not a directory");
        }
        if (!Files.isReadable(abs)) {
            throw new ModelLoadException("model directory " + abs + " is not readable");
        }
        List<String> missing = new ArrayList<>();
        for (String name : List.of(MarianConfigReader.CONFIG, SOURCE_SPM, TARGET_SPM, VOCAB)) {
            if (!readableFile(abs.resolve(name))) {
                missing.add(name);
            }
        }
        Path weights = readableFile(abs.resolve(SAFETENSORS)) ? abs.resolve(SAFETENSORS)
                : readableFile(abs.resolve(TORCH_BIN)) ? abs.resolve(TORCH_BIN) : null;
        if (weights == null) {
            missing.add("(" + SAFETENSORS + " or " + TORCH_BIN + ")");
        }
        if (!missing.isEmpty()) {
            throw new ModelLoadException("model directory " + abs + " is missing: " + String.join(", ", missing));
        }
        return new ModelDirectory(abs, MarianConfig.load(abs), weights);
    }

    public Path dir() {
        return dir;
    }

    /** The directory's name, e.g. {@code tiny-ar-en}. */
    public String id() {
        Path name = dir.getFileName();
        return name == null ? dir.toString() : name.toString();
    }

    public MarianConfig config() {
        return config;
    }

    /** {@code model.safetensors} if present, else {@code pytorch_model.bin}. */
    public Path weightsFile() {
        return weightsFile;
    }

    public Path sourceSpm() {
        return dir.resolve(SOURCE_SPM);
    }

    public Path targetSpm() {
        return dir.resolve(TARGET_SPM);
    }

    public Path vocab() {
        return dir.resolve(VOCAB);
    }

    /** Reads every tensor of the weights file (not validated). */
    public Map<String, RawTensor> readWeights() {
        return readWeights(false);
    }

    /**
     * As {@link #readWeights()}; with {@code regionPerTensor}, a safetensors file is mapped one
     * region per tensor (each tensor's buffer is its own mapping, which {@link MappedRegions} can
     * release), otherwise as one region.
     */
    Map<String, RawTensor> readWeights(boolean regionPerTensor) {
        return weightsFile.getFileName().toString().equals(SAFETENSORS)
                ? SafetensorsReader.read(weightsFile, Integer.MAX_VALUE, regionPerTensor)
                : TorchCheckpointReader.read(weightsFile);
    }

    /** Reads the weights and checks them against the config. */
    public MarianWeights loadWeights() {
        return MarianWeights.validate(config, readWeights(), weightsFile);
    }

    /**
     * The first 16 hex digits of a SHA-256 over the name, length and content of config.json,
     * generation_config.json (if present), source.spm, target.spm, vocab.json and the weights file.
     * Computed once, on first use.
     */
    public String revision() {
        String r = revision;
        if (r == null) {
            synchronized (this) {
                r = revision;
                if (r == null) {
                    r = computeRevision();
                    revision = r;
                }
            }
        }
        return r;
    }

    /** The files the model is made of (those the revision covers), in a fixed order. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(dir.resolve(MarianConfigReader.CONFIG)));
        Path generation = dir.resolve(MarianConfigReader.GENERATION_CONFIG);
        if (Files.exists(generation)) {
            files.add(generation);
        }
        files.addAll(List.of(sourceSpm(), targetSpm(), vocab(), weightsFile));
        return List.copyOf(files);
    }

    private String computeRevision() {
        List<Path> files = files();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            try {
                sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(ByteBuffer.allocate(8).putLong(0, Files.size(f)));
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha)) {
                    while (in.read(buffer) >= 0) {
                        // digested while reading
                    }
                }
            } catch (IOException e) {
                throw new ModelLoadException(f, "cannot be read: " + e, e);
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static boolean readableFile(Path p) {
        return Files.isRegularFile(p) && Files.isReadable(p);
    }

    @Override
    public String toString() {
        return "ModelDirectory[" + dir + "]";
    }
}
