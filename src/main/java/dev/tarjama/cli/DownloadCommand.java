package dev.tarjama.cli;

import dev.tarjama.provision.ConsoleProgress;
import dev.tarjama.provision.DownloadException;
import dev.tarjama.provision.DownloadResult;
import dev.tarjama.provision.HubSettings;
import dev.tarjama.provision.ModelDownloader;
import dev.tarjama.provision.RetryPolicy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code download [--model|--repo REPO] [--dir DIR] [--revision REV] [--host URL]}: fetches a MarianMT model
 * from the Hugging Face hub (or a mirror) into {@code DIR/<repo name>}. Progress goes to stderr, the
 * final line (the model directory) to stdout. Exit 0 when the model is complete, 1 when the download
 * failed (one message), 2 for a bad command line.
 */
public final class DownloadCommand {
    public static final String DEFAULT_REPO = "Helsinki-NLP/opus-mt-ar-en";
    public static final String USAGE = "download [--model|--repo REPO] [--dir DIR] [--revision REV] [--host URL]";
    /** The transformer-big ar→en model (quality tier), e.g. {@code download --repo Helsinki-NLP/opus-mt-tc-big-ar-en}. */
    public static final String BIG_REPO = "Helsinki-NLP/opus-mt-tc-big-ar-en";

    private DownloadCommand() {}

    public static int run(String[] argv, Map<String, String> env, boolean terminal, PrintStream out, PrintStream err) {
        Args args = Args.parse("download", argv, 1, Set.of("model", "repo", "dir", "revision", "host"), Set.of());
        if (args.value("model").isPresent() && args.value("repo").isPresent()) {
            throw new Args.UsageException("download: --repo and --model name the same thing; give one");
        }
        String repo = args.value("repo").or(() -> args.value("model")).orElse(DEFAULT_REPO).strip();
        String revision = args.value("revision").orElse("main").strip();
        Path modelsDir = Path.of(args.value("dir").orElse("models"));
        HubSettings hub;
        try {
            hub = HubSettings.resolve(args.value("host"), env);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("download: " + e.getMessage());
        }
        ModelDownloader downloader = new ModelDownloader(hub, RetryPolicy.standard(), new ConsoleProgress(err, terminal));
        try {
            DownloadResult result = downloader.download(repo, revision, ModelDownloader.defaultTarget(modelsDir, repo));
            out.println(result.dir());
            out.flush();
            return 0;
        } catch (DownloadException e) {
            err.println("tarjama download: " + e.getMessage());
            if (unreachable(e)) {
                err.println(offlineRoute(repo, ModelDownloader.defaultTarget(modelsDir, repo).toString()));
            }
            return 1;
        }
    }

    /** How to install a model without network access, for {@code repo} into {@code dir}. */
    static String offlineRoute(String repo, String dir) {
        String cache = "models--" + repo.replace("/", "--");
        return "Offline? Copy a Hugging Face snapshot of " + repo + " into " + dir + " instead: the files config.json,"
                + " source.spm, target.spm, vocab.json and model.safetensors (or pytorch_model.bin), plus"
                + " generation_config.json and tokenizer_config.json if present, e.g. from"
                + " ~/.cache/huggingface/hub/" + cache + "/snapshots/<commit>/ on a machine that has them"
                + " (cp -L follows its links); then: serve --model " + dir + " (see models/README.md).";
    }

    /** Whether the hub could not be reached at all (no name resolution, no connection). */
    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.ConnectException || t instanceof java.net.http.HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
