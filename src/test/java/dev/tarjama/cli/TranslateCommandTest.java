package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelLoadException;
import dev.tarjama.testutil.Golden;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TranslateCommandTest {
    @BeforeAll
    static void runtime() {
        DjlRuntime.configure(1);
    }

    private record Run(int code, List<String> out, String err) {}

    private static Run run(String stdin, String... args) throws Exception {
        return run(java.util.Map.of(), stdin, args);
    }

    private static Run run(java.util.Map<String, String> env, String stdin, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] argv = new String[args.length + 1];
        argv[0] = "translate";
        System.arraycopy(args, 0, argv, 1, args.length);
        int code = TranslateCommand.run(argv, env, new BufferedReader(new StringReader(stdin)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void translatesAllTrainingLinesIntoTheirReferences() throws Exception {
        List<String> ar = Golden.lines("parallel/train.ar");
        List<String> en = Golden.lines("parallel/train.en");
        Run r = run(String.join("\n", ar) + "\n", "--model", Golden.TINY_MODEL.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(en, r.out());
    }

    @Test
    void greedyJsonlLinesCarryIdsAndScoreAndBlankInputsStayInPlace() throws Exception {
        List<String> ar = Golden.lines("parallel/train.ar");
        Run r = run(ar.get(0) + "\n\n" + ar.get(1) + "\n", "--model", Golden.TINY_MODEL.toString(),
                "--beams", "1", "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, r.out().size());
        JsonObject first = JsonParser.parseString(r.out().get(0)).getAsJsonObject();
        assertEquals(ar.get(0), first.get("source").getAsString());
        assertEquals(Golden.lines("parallel/train.en").get(0), first.get("translation").getAsString());
        assertEquals(861, first.getAsJsonArray("ids").get(0).getAsInt());
        assertEquals(0, first.getAsJsonArray("ids").get(first.getAsJsonArray("ids").size() - 1).getAsInt());
        assertTrue(first.get("score").getAsDouble() < 0);
        JsonObject blank = JsonParser.parseString(r.out().get(1)).getAsJsonObject();
        assertEquals("", blank.get("translation").getAsString());
        assertEquals(Golden.lines("parallel/train.en").get(1),
                JsonParser.parseString(r.out().get(2)).getAsJsonObject().get("translation").getAsString());
    }

    @Test
    void emptyInputLineGivesEmptyOutputLine() throws Exception {
        Run r = run("\n" + Golden.lines("parallel/train.ar").get(5) + "\n\n", "--model", Golden.TINY_MODEL.toString());
        assertEquals(List.of("", Golden.lines("parallel/train.en").get(5), ""), r.out());
    }

    @Test
    void missingModelDirectoryIsOneLineErrorNamingIt() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> run("x\n", "--model", "no/such/model-dir"));
        assertTrue(e.getMessage().contains("no/such/model-dir"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void int8PrecisionStillTranslatesAllTrainingLinesGreedily() throws Exception {
        List<String> ar = Golden.lines("parallel/train.ar");
        Run r = run(String.join("\n", ar) + "\n", "--model", Golden.TINY_MODEL.toString(), "--beams", "1",
                "--precision", "int8");
        assertEquals(0, r.code(), r.err());
        assertEquals(Golden.lines("parallel/train.en"), r.out());
    }

    /** The score of the first line's translation (jsonl), which differs between fp32 and int8. */
    private static double score(java.util.Map<String, String> env, String... precision) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--model", Golden.TINY_MODEL.toString(), "--beams", "1",
                "--format", "jsonl"));
        args.addAll(List.of(precision));
        Run r = run(env, Golden.lines("parallel/train.ar").get(7) + "\n", args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return JsonParser.parseString(r.out().get(0)).getAsJsonObject().get("score").getAsDouble();
    }

    @Test
    void tarjamaPrecisionAppliesWhenTheFlagIsAbsentAndTheFlagWins() throws Exception {
        double fp32 = score(java.util.Map.of());
        double int8 = score(java.util.Map.of(), "--precision", "int8");
        assertTrue(fp32 != int8, "int8 scores differ from fp32's: " + fp32);
        assertEquals(int8, score(java.util.Map.of("TARJAMA_PRECISION", "INT8")), 0.0, "the variable, case-insensitive");
        assertEquals(fp32, score(java.util.Map.of("TARJAMA_PRECISION", "int8"), "--precision", "fp32"), 0.0, "the flag wins");
        assertEquals(fp32, score(java.util.Map.of("TARJAMA_PRECISION", " ")), 0.0, "a blank variable is unset");
    }

    @Test
    void aBadPrecisionIsAOneLineUsageErrorNamingTheFlagOrTheVariable() {
        Args.UsageException flag = assertThrows(Args.UsageException.class,
                () -> run("x\n", "--model", Golden.TINY_MODEL.toString(), "--precision", "fp16"));
        assertEquals("translate: --precision must be one of fp32, bf16, int8, got 'fp16'", flag.getMessage());
        Args.UsageException env = assertThrows(Args.UsageException.class,
                () -> run(java.util.Map.of("TARJAMA_PRECISION", "half"), "x\n", "--model", Golden.TINY_MODEL.toString()));
        assertEquals("translate: TARJAMA_PRECISION must be one of fp32, bf16, int8, got 'half'", env.getMessage());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThrows(Args.UsageException.class, () -> run("", "--model", "m", "--beams", "0"));
        assertThrows(Args.UsageException.class, () -> run("", "--model", "m", "--format", "xml"));
        assertThrows(Args.UsageException.class, () -> run("", "--bogus"));
        assertThrows(Args.UsageException.class, () -> run(""));
    }
}
