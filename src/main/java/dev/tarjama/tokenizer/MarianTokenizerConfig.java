package dev.tarjama.tokenizer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The keys of {@code tokenizer_config.json} that MarianTokenizer uses. A missing file means the
 * transformers defaults: {@code </s>}, {@code <unk>}, {@code <pad>}, and
 * {@code clean_up_tokenization_spaces} true (the default up to transformers 4.44).
 */
record MarianTokenizerConfig(String eosToken, String unkToken, String padToken,
                             boolean cleanUpTokenizationSpaces) {
    static final MarianTokenizerConfig DEFAULT = new MarianTokenizerConfig("</s>", "<unk>", "<pad>", true);

    MarianTokenizerConfig {
        if (isBlank(eosToken) || isBlank(unkToken) || isBlank(padToken)) {
            throw new IllegalArgumentException("special tokens must be non-empty");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }

    MarianTokenizerConfig withCleanUp(boolean cleanUp) {
        return new MarianTokenizerConfig(eosToken, unkToken, padToken, cleanUp);
    }

    static MarianTokenizerConfig load(Path file) {
        if (!Files.exists(file)) {
            return DEFAULT;
        }
        JsonElement root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(reader);
        } catch (NoSuchFileException e) {
            return DEFAULT;
        } catch (IOException | JsonParseException e) {
            throw new TokenizerException("Cannot read tokenizer config " + file + ": " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new TokenizerException("Tokenizer config " + file + " is not a JSON object");
        }
        JsonObject o = root.getAsJsonObject();
        if (o.has("separate_vocabs") && bool(o, "separate_vocabs", file)) {
            throw new TokenizerException("Tokenizer config " + file
                    + " sets separate_vocabs=true, which is not supported (one joint vocab.json expected)");
        }
        boolean cleanUp = o.has("clean_up_tokenization_spaces") && !o.get("clean_up_tokenization_spaces").isJsonNull()
                ? bool(o, "clean_up_tokenization_spaces", file)
                : DEFAULT.cleanUpTokenizationSpaces;
        return new MarianTokenizerConfig(
                token(o, "eos_token", DEFAULT.eosToken, file),
                token(o, "unk_token", DEFAULT.unkToken, file),
                token(o, "pad_token", DEFAULT.padToken, file),
                cleanUp);
    }

    private static boolean bool(JsonObject o, String key, Path file) {
        JsonElement e = o.get(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        throw new TokenizerException("Tokenizer config " + file + ": " + key + " must be true or false, got " + e);
    }

    /** A special token is either a string or an AddedToken object with "content". */
    private static String token(JsonObject o, String key, String fallback, Path file) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (e.isJsonObject() && e.getAsJsonObject().has("content")) {
            e = e.getAsJsonObject().get("content");
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && !e.getAsString().isEmpty()) {
            return e.getAsString();
        }
        throw new TokenizerException("Tokenizer config " + file + ": " + key + " must be a non-empty string, got " + e);
    }
}
