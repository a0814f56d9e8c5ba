package dev.tarjama.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * What {@code tarjama <command> --help} (or {@code -h}) prints: the command's synopsis and each
 * option. {@code serve}'s options come from {@link ServeOptions#TABLE}, so they cannot drift from
 * what it accepts.
 */
public final class Usage {
    private Usage() {}

    /** Whether {@code argv} (after the command name) asks for help. */
    public static boolean asked(String[] argv) {
        for (int i = 1; i < argv.length; i++) {
            if (argv[i].equals("--help") || argv[i].equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** The help text of {@code command}; empty for an unknown command. */
    public static Optional<String> of(String command) {
        return Optional.ofNullable(switch (command) {
            case "download" -> String.join("\n",
                    "usage: tarjama " + DownloadCommand.USAGE,
                    "Fetches a MarianMT model from the Hugging Face hub (or a mirror) into DIR/<repository name>,",
                    "resuming interrupted transfers and checking sizes and digests; prints the model directory.",
                    "  --model REPO      hub repository (default " + DownloadCommand.DEFAULT_REPO + ")",
                    "  --dir DIR         where model directories go (default models)",
                    "  --revision REV    branch, tag or commit (default main)",
                    "  --host URL        hub or mirror (default https://huggingface.co; also TARJAMA_HF_HOST, HF_ENDPOINT)",
                    "  HF_TOKEN          environment variable: token for gated repositories",
                    DownloadCommand.offlineRoute(DownloadCommand.DEFAULT_REPO, "models/opus-mt-ar-en"));
            case "translate" -> String.join("\n",
                    "usage: tarjama translate --model DIR [--beams N] [--max-length N] [--format text|jsonl] [--batch N]",
                    "                         [--precision fp32|bf16|int8]",
                    "Translates one sentence per stdin line into one line on stdout (as transformers would, in fp32).",
                    "  --model DIR       model directory (Hugging Face layout), required",
                    "  --beams N         beam size (1-16; default from the model's generation config)",
                    "  --max-length N    most tokens generated per sentence (default from the model)",
                    "  --format F        text (default): the translation; jsonl: one JSON object per line (source, translation, ids, score)",
                    "  --batch N         sentences per engine call (1-256, default 16)",
                    "  --precision P     fp32 (default; exact to transformers), or bf16 / int8: faster, opt-in, not exact",
                    "                    (also TARJAMA_PRECISION; the flag wins)");
            case "serve" -> serve();
            case "bench" -> String.join("\n",
                    "usage: tarjama bench [--quick] [--out FILE] [--threads N] [--workers N] [--slices N]",
                    "                     [--modes greedy,beam4] [--batches 1,8,32] [--runs N] [--warmup N]",
                    "                     [--no-article] [--article FILE] [--cache DIR] [--tokenizer DIR] [--seed N] [--profile DIR]",
                    "                     [--shape base|big] [--precision fp32|bf16|int8]",
                    "Speed benchmark on a random-weight model with opus-mt-ar-en's dimensions: model load,",
                    "generation throughput per mode and batch size, article latency (docs/performance.md).",
                    "  --quick           fewer runs, greedy only, batches 1,8",
                    "  --out FILE        also write the results as JSON",
                    "  --threads N       PyTorch intra-op threads; --workers N: concurrent engine callers",
                    "  --slices N        parts an engine call's batch is split into",
                    "  --modes, --batches, --runs, --warmup   what to measure and how often",
                    "  --no-article      skip the article phase; --article FILE: the article to time",
                    "  --cache DIR       where the random checkpoint is kept; --tokenizer DIR: its tokenizer files",
                    "  --seed N          weights' random seed; --profile DIR: write a profiler trace there",
                    "",
                    "usage: tarjama bench --service [--clients 1,4,16] [--duration S | --articles N] [--warmup S]",
                    "                     [--model DIR] [--beams N] [--max-length N|auto] [--seed N] [--corpus DIR]",
                    "                     [--out FILE] [--cache DIR] [--tokenizer DIR] [--shape base|big] [serve options]",
                    "Service throughput: starts the HTTP server in-process (as serve does) on a loopback port, then per",
                    "level N clients, each with its own API key, post articles of mixed lengths back to back; prints",
                    "articles, sentences/s, p50/p95 article latency, errors and the load average per level.",
                    "The sentence cache is off, so every post is translated in full (docs/performance.md).",
                    "  --clients LIST    client levels (default 1,4,16)",
                    "  --duration S      measured seconds per level (default 30); --articles N: N articles per client instead",
                    "  --warmup S        seconds of posting before each level's measurement (default 5, not counted)",
                    "  --model DIR       model to serve (default: bench's random-weight checkpoint, made under --cache)",
                    "  --beams N         beams per request (default 4)",
                    "  --max-length N    maxLength per request; auto (default without --model) = the corpus sentences'",
                    "                    mean source tokens + 1, since a random model never ends a sentence itself",
                    "  --seed N          the articles each client draws (default 1); --corpus DIR: *.txt articles to cut",
                    "                    into short (2 paragraphs), medium (6) and whole pieces (default src/test/resources/seed)",
                    "  --out FILE        also write the results as JSON",
                    "  serve options     --threads, --workers, --slices, --batch-sentences, --batch-tokens, --batch-wait,",
                    "                    --token-budget, ... (and their TARJAMA_* variables) configure the service as for serve");
            default -> null;
        });
    }

    private static String serve() {
        StringBuilder b = new StringBuilder("usage: tarjama serve [options]\n"
                + "HTTP API (POST /v1/translate, ...) and the newsroom page at /. Each option also has an\n"
                + "environment variable; a flag wins over its variable (docs/configuration.md).\n");
        for (ServeOptions.Setting s : ServeOptions.TABLE) {
            String flag = s.flag() == null ? "" : "--" + s.flag() + (s.flag().equals("insecure-public") ? "" : " "
                    + s.flag().replaceAll("[^a-z]", "_").toUpperCase(Locale.ROOT));
            b.append(String.format(Locale.ROOT, "  %-30s %-26s %s (default %s)%n", flag, s.env(), s.meaning(),
                    s.defaultValue()));
        }
        return b.toString().stripTrailing();
    }
}
