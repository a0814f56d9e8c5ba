package dev.tarjama.provision;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #FILE_NAME} in a downloaded model directory: where it came from (repository, revision asked
 * for, commit it resolved to, host) and the files with their sizes and digests. Written last, so a
 * directory with a manifest is complete.
 */
public record DownloadManifest(String repo, String revision, String commit, String host, String downloadedAt,
        List<HubFile> files) {
    public static final String FILE_NAME = ".tarjama-download.json";

    public DownloadManifest {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(downloadedAt, "downloadedAt");
        files = List.copyOf(files);
    }

    /** Writes the manifest into {@code dir} through a temporary file and an atomic rename. */
    public void write(Path dir) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("repo", repo);
        o.addProperty("revision", revision);
        o.addProperty("commit", commit);
        o.addProperty("host", host);
        o.addProperty("downloadedAt", downloadedAt);
        JsonArray list = new JsonArray();
        for (HubFile f : files) {
            JsonObject e = new JsonObject();
            e.addProperty("name", f.name());
            e.addProperty("size", f.size());
            f.sha256().ifPresent(s -> e.addProperty("sha256", s));
            f.gitBlobId().ifPresent(s -> e.addProperty("gitBlobId", s));
            list.add(e);
        }
        o.add("files", list);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The manifest in {@code dir}, if there is a readable one. */
    public static Optional<DownloadManifest> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            List<HubFile> files = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("files")) {
                JsonObject f = e.getAsJsonObject();
                files.add(new HubFile(f.get("name").getAsString(), f.get("size").getAsLong(),
                        Optional.ofNullable(f.get("sha256")).map(JsonElement::getAsString),
                        Optional.ofNullable(f.get("gitBlobId")).map(JsonElement::getAsString)));
            }
            return Optional.of(new DownloadManifest(o.get("repo").getAsString(), o.get("revision").getAsString(),
                    o.get("commit").getAsString(), o.get("host").getAsString(), o.get("downloadedAt").getAsString(),
                    files));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
