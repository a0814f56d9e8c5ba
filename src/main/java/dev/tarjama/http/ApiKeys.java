package dev.tarjama.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys a server accepts, held only as SHA-256 digests. One entry per line (file) or per
 * comma/whitespace-separated item (environment): {@code KEY}, {@code NAME:KEY} or
 * {@code NAME:KEY:QUOTA}, where QUOTA is the most characters the key may translate per UTC day (0 or
 * absent: unlimited). Blank lines and lines starting with {@code #} are skipped. Keys are 16–256
 * characters of {@code [A-Za-z0-9._~+/=-]}; names 1–64 of {@code [A-Za-z0-9._-]} (an unnamed key is
 * called {@code key-N}, N its position). Presented keys are hashed and compared against every
 * digest with {@link MessageDigest#isEqual}, so the comparison does not leak where keys differ.
 */
public final class ApiKeys {
    /** No keys: authentication off. */
    public static final ApiKeys NONE = new ApiKeys(List.of());

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~+/=-]{16,256}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** One accepted key: its name (safe to log), digest and daily character quota (0 = unlimited). */
    public record Key(String name, byte[] digest, long dailyChars) {
        public Key {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid key name '" + name + "'");
            }
            digest = digest.clone();
            if (dailyChars < 0) {
                throw new IllegalArgumentException("quota must not be negative");
            }
        }
    }

    private final List<Key> keys;

    private ApiKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    public int size() {
        return keys.size();
    }

    /** The key matching {@code presented}, if any; takes the same time whichever key matches. */
    public Optional<Key> authenticate(String presented) {
        if (presented == null || keys.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        Key found = null;
        for (Key k : keys) {
            if (MessageDigest.isEqual(k.digest(), digest) && found == null) {
                found = k;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Reads a key file. */
    public static ApiKeys load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the API keys file " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the API keys file " + file + " is not UTF-8 text");
        }
        return parse(List.of(text.split("\r?\n")), "the API keys file " + file);
    }

    /** Parses {@code TARJAMA_API_KEYS}: entries separated by commas or whitespace. */
    public static ApiKeys fromEnvironment(String value) {
        return parse(List.of(value.strip().split("[,\\s]+")), "TARJAMA_API_KEYS");
    }

    /**
     * Parses entries; errors name the source and entry number, never the key itself.
     *
     * @throws IllegalArgumentException for a malformed entry, a duplicate key or name, or no key at all
     */
    static ApiKeys parse(List<String> entries, String source) {
        List<Key> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> digests = new HashSet<>();
        int n = 0;
        for (String raw : entries) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", -1);
            if (parts.length > 3) {
                throw new IllegalArgumentException(source + ": entry " + n + " has too many ':' (use KEY, NAME:KEY or NAME:KEY:QUOTA)");
            }
            String name = parts.length == 1 ? "key-" + (keys.size() + 1) : parts[0];
            String key = parts.length == 1 ? parts[0] : parts[1];
            long quota = 0;
            if (parts.length == 3) {
                try {
                    quota = Long.parseLong(parts[2].strip());
                } catch (NumberFormatException e) {
                    quota = -1;
                }
                if (quota < 0) {
                    throw new IllegalArgumentException(source + ": entry " + n + " has an invalid quota (a whole number of characters per day)");
                }
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(source + ": entry " + n + " has an invalid name (1-64 of A-Z a-z 0-9 . _ -)");
            }
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(source + ": entry " + n + " has an invalid key (16-256 of A-Z a-z 0-9 . _ ~ + / = -)");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(source + ": entry " + n + " repeats the name " + name);
            }
            byte[] digest = sha256(key);
            if (!digests.add(java.util.HexFormat.of().formatHex(digest))) {
                throw new IllegalArgumentException(source + ": entry " + n + " repeats a key");
            }
            keys.add(new Key(name, digest, quota));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + " has no keys");
        }
        return new ApiKeys(keys);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
