package dev.tarjama.provision;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A repository at one commit, from the hub's {@code GET /api/models/{repo}/revision/{rev}?blobs=true}
 * answer: {@code sha} (the commit) and {@code siblings[]} with {@code rfilename}, {@code size},
 * {@code blobId} and, for LFS files, {@code lfs.sha256}.
 *
 * @param repo e.g. {@code Helsinki-NLP/opus-mt-ar-en}
 * @param commit the 40-hex commit the revision resolved to
 * @param files by name, in the hub's order
 */
public record HubRepoInfo(String repo, String commit, Map<String, HubFile> files) {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public HubRepoInfo {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(commit, "commit");
        if (!COMMIT.matcher(commit).matches()) {
            throw new IllegalArgumentException("not a commit id: '" + commit + "'");
        }
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public Optional<HubFile> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /**
     * Reads the hub's JSON answer.
     *
     * @param revision the revision asked for; it is the commit when the answer names none and the
     *     revision already is a full commit id
     * @throws DownloadException when the answer is not the expected shape
     */
    public static HubRepoInfo parse(String repo, String revision, String json) {
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                throw new JsonParseException("not an object");
            }
            JsonObject o = root.getAsJsonObject();
            String commit = o.has("sha") && o.get("sha").isJsonPrimitive() ? o.get("sha").getAsString() : revision;
            if (!COMMIT.matcher(commit).matches()) {
                throw new JsonParseException("no commit id ('sha')");
            }
            if (!o.has("siblings") || !o.get("siblings").isJsonArray()) {
                throw new JsonParseException("no file list ('siblings')");
            }
            List<HubFile> files = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("siblings")) {
                files.add(sibling(e.getAsJsonObject()));
            }
            Map<String, HubFile> byName = new LinkedHashMap<>();
            files.forEach(f -> byName.put(f.name(), f));
            return new HubRepoInfo(repo, commit, byName);
        } catch (RuntimeException e) {
            // a missing or mistyped field surfaces as any of Gson's runtime exceptions (or a null)
            String why = e.getMessage() == null ? "unexpected layout" : e.getMessage();
            throw DownloadException.permanent("the hub's description of " + repo + " is not usable (" + why
                    + "); is the host a Hugging Face hub or mirror?");
        }
    }

    private static HubFile sibling(JsonObject s) {
        String name = s.get("rfilename").getAsString();
        JsonObject lfs = s.has("lfs") && s.get("lfs").isJsonObject() ? s.getAsJsonObject("lfs") : null;
        long size = -1;
        if (lfs != null && lfs.has("size")) {
            size = lfs.get("size").getAsLong();
        } else if (s.has("size")) {
            size = s.get("size").getAsLong();
        }
        Optional<String> sha256 = lfs != null && lfs.has("sha256") ? Optional.of(lfs.get("sha256").getAsString())
                : Optional.empty();
        Optional<String> blob = lfs == null && s.has("blobId") ? Optional.of(s.get("blobId").getAsString())
                : Optional.empty();
        return new HubFile(name, size, sha256, blob);
    }
}
