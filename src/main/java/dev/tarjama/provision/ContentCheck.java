package dev.tarjama.provision;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.tarjama.model.ModelLoadException;
import dev.tarjama.model.SafetensorsReader;
import dev.tarjama.tokenizer.SentencePieceModel;
import dev.tarjama.tokenizer.TokenizerException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * Checks that a downloaded file is what its name says, for files the hub's listing gives no digest
 * for (a bare mirror): a JSON object ({@code *.json}), a SentencePiece model ({@code *.spm}, parsed
 * as the tokenizer will), a safetensors file (header and every tensor's offsets, as the loader
 * reads them) or a PyTorch zip checkpoint ({@code *.bin}: its central directory and a
 * {@code data.pkl}). A file of zeros, HTML or a truncated file fails.
 */
final class ContentCheck {
    /** Per-file cap when the listing gives no size for a weights file ({@code model.safetensors}, {@code pytorch_model.bin}). */
    static final long UNLISTED_WEIGHTS_CAP = 2L << 30;
    /** Per-file cap when the listing gives no size for any other file (configs, vocabulary, SentencePiece models). */
    static final long UNLISTED_OTHER_CAP = 64L << 20;

    private ContentCheck() {}

    /** The most bytes accepted for {@code name} when the listing does not give its size. */
    static long capFor(String name) {
        return name.equals(MarianFiles.SAFETENSORS) || name.equals(MarianFiles.TORCH_BIN)
                ? UNLISTED_WEIGHTS_CAP : UNLISTED_OTHER_CAP;
    }

    /** Whether the listing lets {@link Checksums} verify the content (a sha256 or a git blob id). */
    static boolean hasDigest(HubFile f) {
        return f.sha256().isPresent() || f.gitBlobId().isPresent();
    }

    /** Empty when {@code file} parses as {@code name}'s kind; otherwise what is wrong. */
    static Optional<String> problem(String name, Path file) {
        try {
            if (name.endsWith(".json")) {
                return json(file);
            }
            if (name.endsWith(".spm")) {
                SentencePieceModel.load(file);
            } else if (name.endsWith(".safetensors")) {
                SafetensorsReader.read(file);
            } else if (name.endsWith(".bin")) {
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    if (zip.stream().noneMatch(e -> e.getName().endsWith("/data.pkl") || e.getName().equals("data.pkl"))) {
                        return Optional.of("not a PyTorch checkpoint: the zip has no data.pkl");
                    }
                }
            }
            return Optional.empty();
        } catch (TokenizerException | ModelLoadException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of("not a zip archive (" + e.getMessage() + ")");
        }
    }

    private static Optional<String> json(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonReader reader = new JsonReader(r);
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonObject() || reader.peek() != JsonToken.END_DOCUMENT) {
                return Optional.of("not a JSON object");
            }
            return Optional.empty();
        } catch (JsonParseException | IllegalStateException | IOException e) {
            return Optional.of("not valid JSON");
        }
    }
}
