package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.model.Precision;
import dev.tarjama.testutil.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --precision} and {@code TARJAMA_PRECISION} for {@code serve} (and, as a real process, for
 * {@code translate}): fp32 unless asked, the flag wins over the variable, and a bad value stops the
 * command with one line naming where it came from and exit status 2.
 */
class PrecisionOptionTest {
    private static ServeOptions serve(Map<String, String> env, String... flags) {
        return ServeOptions.parse(ServeArgv.of(flags), env);
    }

    @Test
    void servePrecisionIsFp32UnlessTheFlagOrTheVariableSaysOtherwiseAndTheFlagWins() {
        assertEquals(Precision.FP32, serve(Map.of(), "--model", "m").precision());
        assertEquals(Precision.INT8, serve(Map.of(), "--model", "m", "--precision", "int8").precision());
        assertEquals(Precision.BF16, serve(Map.of("TARJAMA_PRECISION", "bf16"), "--model", "m").precision());
        assertEquals(Precision.FP32, serve(Map.of("TARJAMA_PRECISION", "int8"), "--model", "m", "--precision=FP32")
                .precision());
        assertEquals(Precision.FP32, serve(Map.of("TARJAMA_PRECISION", ""), "--model", "m").precision(),
                "an empty variable is unset");
    }

    @Test
    void aBadServePrecisionIsOneLineNamingTheFlagOrTheVariable() {
        Args.UsageException flag = assertThrows(Args.UsageException.class,
                () -> serve(Map.of(), "--model", "m", "--precision", "int4"));
        assertEquals("serve: --precision must be one of fp32, bf16, int8, got 'int4'", flag.getMessage());
        Args.UsageException env = assertThrows(Args.UsageException.class,
                () -> serve(Map.of("TARJAMA_PRECISION", "float16"), "--model", "m"));
        assertEquals("serve: TARJAMA_PRECISION must be one of fp32, bf16, int8, got 'float16'", env.getMessage());
    }

    private record Exit(int code, String stdout, String stderr) {}

    /** Runs {@code tarjama <args>} as a process with {@code TARJAMA_PRECISION} set. */
    private static Exit process(Path tmp, String precision, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "dev.tarjama.App"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TARJAMA_PRECISION", precision);
        pb.environment().remove("TARJAMA_API_KEYS");
        Path out = tmp.resolve("out-" + args[0] + ".txt");
        Path err = tmp.resolve("err-" + args[0] + ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stops at once");
        return new Exit(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aBadTarjamaPrecisionStopsServeAndTranslateWithExitStatusTwoAndOneLine(@TempDir Path tmp) throws Exception {
        Exit serve = process(tmp, "fp8", "serve", "--model", Golden.TINY_MODEL.toString(), "--port", "0");
        assertEquals(2, serve.code(), serve.toString());
        assertEquals("tarjama: serve: TARJAMA_PRECISION must be one of fp32, bf16, int8, got 'fp8'", serve.stderr().strip());
        assertEquals("", serve.stdout());
        Exit translate = process(tmp, "fp8", "translate", "--model", Golden.TINY_MODEL.toString());
        assertEquals(2, translate.code(), translate.toString());
        assertEquals("tarjama: translate: TARJAMA_PRECISION must be one of fp32, bf16, int8, got 'fp8'",
                translate.stderr().strip());
        Exit flag = process(tmp, "int8", "translate", "--model", Golden.TINY_MODEL.toString(), "--precision", "int16");
        assertEquals(2, flag.code(), flag.toString());
        assertEquals("tarjama: translate: --precision must be one of fp32, bf16, int8, got 'int16'", flag.stderr().strip());
    }
}
