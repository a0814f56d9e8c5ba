package dev.tarjama.tokenizer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Marian's joint {@code vocab.json}: piece → model id and back. The ids must be exactly
 * 0..n−1, each used once. Immutable.
 */
public final class Vocab {
    private final String[] pieceById;
    private final Map<String, Integer> idByPiece;
    private final String source;

    /** Builds a vocab from piece → id; the ids must be a dense, duplicate-free range 0..n−1. */
    public Vocab(Map<String, Integer> idByPiece, String source) {
        Objects.requireNonNull(idByPiece, "idByPiece");
        if (idByPiece.isEmpty()) {
            throw new TokenizerException("Vocabulary " + source + " is empty");
        }
        String[] pieces = new String[idByPiece.size()];
        for (Map.Entry<String, Integer> e : idByPiece.entrySet()) {
            Integer id = e.getValue();
            if (id == null || id < 0 || id >= pieces.length) {
                throw new TokenizerException("Vocabulary " + source + ": piece '" + e.getKey() + "' has id "
                        + id + ", outside 0.." + (pieces.length - 1) + " (ids must be dense)");
            }
            if (pieces[id] != null) {
                throw new TokenizerException("Vocabulary " + source + ": id " + id + " is used by both '"
                        + pieces[id] + "' and '" + e.getKey() + "'");
            }
            pieces[id] = e.getKey();
        }
        this.pieceById = pieces;
        this.idByPiece = Map.copyOf(idByPiece);
        this.source = source;
    }

    /** Reads a {@code vocab.json} object of piece → integer id. */
    public static Vocab load(Path file) {
        JsonElement root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(reader);
        } catch (NoSuchFileException e) {
            throw new TokenizerException("Vocabulary file " + file + " does not exist", e);
        } catch (IOException | JsonParseException e) {
            throw new TokenizerException("Cannot read vocabulary file " + file + ": " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new TokenizerException("Vocabulary file " + file + " is not a JSON object");
        }
        JsonObject object = root.getAsJsonObject();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            ids.put(e.getKey(), intValue(e.getValue(), e.getKey(), file));
        }
        return new Vocab(ids, file.toString());
    }

    private static int intValue(JsonElement value, String piece, Path file) {
        if (value.isJsonPrimitive()) {
            JsonPrimitive p = value.getAsJsonPrimitive();
            if (p.isNumber()) {
                double d = p.getAsDouble();
                if (d == Math.rint(d) && d >= 0 && d <= Integer.MAX_VALUE) {
                    return (int) d;
                }
            }
        }
        throw new TokenizerException("Vocabulary file " + file + ": piece '" + piece
                + "' has id " + value + ", not a non-negative integer");
    }

    /** The file (or other source) this vocabulary was read from. */
    public String source() {
        return source;
    }

    public int size() {
        return pieceById.length;
    }

    /** The id of {@code piece}, or -1 when it is not in the vocabulary. */
    public int id(String piece) {
        return idByPiece.getOrDefault(piece, -1);
    }

    public boolean contains(String piece) {
        return idByPiece.containsKey(piece);
    }

    /** The piece with this id. */
    public String piece(int id) {
        if (id < 0 || id >= pieceById.length) {
            throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary 0.."
                    + (pieceById.length - 1));
        }
        return pieceById[id];
    }

    /** All pieces, index = id. */
    public List<String> pieces() {
        return List.of(pieceById);
    }

    @Override
    public String toString() {
        return "Vocab[" + pieceById.length + " pieces]";
    }
}
