package dev.tarjama;

import dev.tarjama.cli.Args;
import dev.tarjama.cli.ServeCommand;
import dev.tarjama.cli.TranslateCommand;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelLoadException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Entry point: dispatches sub-commands and wires the packages together. */
public final class App {
    static final String USAGE = String.join("\n",
            "usage: tarjama <command> [options]   (tarjama <command> --help: its options)",
            "  " + dev.tarjama.cli.DownloadCommand.USAGE,
            "            fetch a model from the Hugging Face hub (default Helsinki-NLP/opus-mt-ar-en into models/)",
            "  translate --model DIR [--beams N] [--max-length N] [--format text|jsonl] [--batch N] [--precision P]",
            "            one sentence per stdin line -> one translation per stdout line",
            "  serve [--model DIR] [--port 8080] [--host 127.0.0.1] [--threads N] [--workers N] ...",
            "            (every option and its TARJAMA_* variable: docs/configuration.md)",
            "            HTTP API (POST /v1/translate, ...) and the newsroom page at /",
            "  bench [--quick] [--out FILE] [--threads N] [--workers N] [--modes greedy,beam4] [--batches 1,8,32]",
            "            speed benchmark on a random-weight opus-mt-sized model (see docs/performance.md)",
            "  bench --fairness [--model DIR] [--heavy N] [--heavy-beams N] [--light N] [--interval MS]",
            "            latency of one-sentence requests while another client's big request runs",
            "  bench --service [--clients 1,4,16] [--duration S | --articles N] [--model DIR] [--out FILE]",
            "            sentences/s and article latency of the HTTP service under concurrent clients");

    private App() {}

    public static void main(String[] argv) {
        DjlRuntime.configure(Integer.getInteger("tarjama.threads", 1));
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("help")) {
            out.println(USAGE);
            out.flush();
            return argv.length == 0 ? 2 : 0;
        }
        if (dev.tarjama.cli.Usage.asked(argv) && dev.tarjama.cli.Usage.of(argv[0]).isPresent()) {
            out.println(dev.tarjama.cli.Usage.of(argv[0]).get()); // every sub-command answers --help / -h
            out.flush();
            return 0;
        }
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return switch (argv[0]) {
                case "download" -> dev.tarjama.cli.DownloadCommand.run(argv, System.getenv(), System.console() != null,
                        out, err);
                case "translate" -> TranslateCommand.run(argv, System.getenv(), in, out, err);
                case "serve" -> ServeCommand.run(argv, out, err);
                case "bench" -> dev.tarjama.cli.BenchCommand.run(argv, out, err);
                default -> throw new Args.UsageException("unknown command '" + argv[0] + "'\n" + USAGE);
            };
        } catch (Args.UsageException | ModelLoadException | dev.tarjama.provision.ModelNotFoundException e) {
            err.println("tarjama: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("tarjama: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }
}
