package dev.tarjama.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which files of a hub repository make a MarianMT model directory: the config, both SentencePiece
 * models and the vocabulary (required), the generation and tokenizer configs (when the repository has
 * them), and the weights: {@code model.safetensors}, else {@code pytorch_model.bin}.
 *
 * @param files what to download, in download order (small files first)
 * @param absentOptional optional files the repository does not have
 */
public record MarianFiles(List<HubFile> files, List<String> absentOptional) {
    public static final List<String> REQUIRED = List.of("config.json", "source.spm", "target.spm", "vocab.json");
    public static final List<String> OPTIONAL = List.of("generation_config.json", "tokenizer_config.json");
    public static final String SAFETENSORS = "model.safetensors";
    public static final String TORCH_BIN = "pytorch_model.bin";

    public MarianFiles {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        absentOptional = List.copyOf(Objects.requireNonNull(absentOptional, "absentOptional"));
    }

    /**
     * Picks the files from a repository's listing.
     *
     * @throws DownloadException naming every missing required file
     */
    public static MarianFiles select(HubRepoInfo info) {
        List<HubFile> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (String name : REQUIRED) {
            info.file(name).ifPresentOrElse(files::add, () -> missing.add(name));
        }
        for (String name : OPTIONAL) {
            info.file(name).ifPresentOrElse(files::add, () -> absent.add(name));
        }
        info.file(SAFETENSORS).or(() -> info.file(TORCH_BIN))
                .ifPresentOrElse(files::add, () -> missing.add(SAFETENSORS + " or " + TORCH_BIN));
        if (!missing.isEmpty()) {
            throw DownloadException.permanent(info.repo() + " at " + info.commit().substring(0, 12) + " has no "
                    + String.join(", ", missing) + "; is it a MarianMT (opus-mt) model?");
        }
        return new MarianFiles(files, absent);
    }
}
