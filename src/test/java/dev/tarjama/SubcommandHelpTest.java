package dev.tarjama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.cli.ServeOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tarjama <command> --help} (and {@code -h}) prints the command's usage and exits 0, for every command. */
class SubcommandHelpTest {
    record Result(int code, String out, String err) {}

    static synchronized Result run(String... argv) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = App.run(argv);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void everySubcommandAnswersHelpWithItsUsage() {
        for (String command : List.of("serve", "translate", "download", "bench")) {
            for (String flag : List.of("--help", "-h")) {
                Result r = run(command, flag);
                assertEquals(0, r.code(), command + " " + flag + ": " + r);
                assertTrue(r.out().startsWith("usage: tarjama " + command), r.out());
                assertEquals("", r.err(), command + " " + flag);
            }
        }
        // --help wins over other options, even invalid ones: nothing is started or downloaded
        Result r = run("download", "--model", "x/y", "--help");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("--revision REV") && r.out().contains("Offline? Copy a Hugging Face snapshot"), r.out());
    }

    @Test
    void serveHelpListsEveryOptionAndItsVariable() {
        String help = run("serve", "--help").out();
        for (ServeOptions.Setting s : ServeOptions.TABLE) {
            if (s.flag() != null) {
                assertTrue(help.contains("--" + s.flag()), s.flag());
            }
            assertTrue(help.contains(s.env()), s.env());
        }
    }

    @Test
    void translateAndBenchHelpNameTheirOptions() {
        String translate = run("translate", "--help").out();
        for (String option : List.of("--model", "--beams", "--max-length", "--format", "--batch", "--precision")) {
            assertTrue(translate.contains(option), option);
        }
        String bench = run("bench", "-h").out();
        for (String option : List.of("--quick", "--out", "--threads", "--workers", "--slices", "--modes", "--batches",
                "--runs", "--warmup", "--no-article", "--article", "--cache", "--tokenizer", "--seed", "--profile")) {
            assertTrue(bench.contains(option), option);
        }
        for (String option : List.of("--service", "--clients", "--duration", "--articles", "--model", "--beams",
                "--max-length", "--corpus", "--shape")) {
            assertTrue(bench.contains(option), option);
        }
    }
}
