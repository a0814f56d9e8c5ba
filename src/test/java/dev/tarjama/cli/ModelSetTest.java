package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.ModelRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSetTest {
    static ModelSet parse(Map<String, String> env, String... args) {
        return ModelSet.parse(ServeArgv.of(args), env);
    }

    @Test
    void oneModelDirectoryIsTheSingleModelServerAsBefore() {
        assertFalse(parse(Map.of(), "--model", "models/tiny-ar-en").configured());
        assertFalse(parse(Map.of("TARJAMA_MODEL", "models/tiny-ar-en")).configured());
        assertFalse(parse(Map.of()).configured());
    }

    @Test
    void repeatedModelFlagsAreNamedAfterTheirDirectories() {
        ModelSet set = parse(Map.of(), "--model", "models/opus-mt-ar-en", "--model", "models/opus-mt-tc-big-ar-en",
                "--default-model", "quality_optimized");
        assertEquals(List.of("opus-mt-ar-en", "opus-mt-tc-big-ar-en"), set.specs().stream().map(ModelSet.Spec::id).toList());
        assertEquals(Path.of("models/opus-mt-tc-big-ar-en"), set.specs().get(1).dir());
        assertEquals("quality_optimized", set.defaultModel());
    }

    @Test
    void modelsListCarriesPerModelWorkersSlicesAndType() {
        ModelSet set = parse(Map.of(), "--models",
                "fast=models/opus-mt-ar-en:workers=2, best=models/big:slices=1:type=quality_optimized", "--default-model", "best");
        ModelSet.Spec fast = set.specs().get(0);
        ModelSet.Spec best = set.specs().get(1);
        assertEquals("fast", fast.id());
        assertEquals(2, fast.workers());
        assertNull(fast.slices());
        assertNull(fast.tier());
        assertEquals(Path.of("models/big"), best.dir());
        assertEquals(1, best.slices());
        assertEquals(ModelRegistry.Tier.QUALITY, best.tier());
        assertEquals("best", set.defaultModel());
        assertNull(fast.precision(), "no precision of its own: --precision applies");
    }

    @Test
    void aModelMayHaveItsOwnPrecision() {
        ModelSet set = parse(Map.of(), "--models", "fast=models/opus-mt-ar-en:precision=int8:workers=2,best=models/big:precision=BF16,exact=models/big");
        assertEquals(dev.tarjama.model.Precision.INT8, set.specs().get(0).precision());
        assertEquals(2, set.specs().get(0).workers());
        assertEquals(dev.tarjama.model.Precision.BF16, set.specs().get(1).precision());
        assertNull(set.specs().get(2).precision());
        Args.UsageException e = assertThrows(Args.UsageException.class,
                () -> parse(Map.of(), "--models", "fast=models/opus-mt-ar-en:precision=fp16"));
        assertEquals("serve: --models: model fast: precision must be one of fp32, bf16, int8, got 'fp16'", e.getMessage());
    }

    @Test
    void environmentVariablesApplyWhenNoFlagNamesModels() {
        Map<String, String> env = Map.of("TARJAMA_MODELS", "a=dir/a,b=dir/b", "TARJAMA_DEFAULT_MODEL", "b");
        ModelSet set = parse(env);
        assertEquals(List.of("a", "b"), set.specs().stream().map(ModelSet.Spec::id).toList());
        assertEquals("b", set.defaultModel());
        ModelSet flags = parse(env, "--models", "c=dir/c,d=dir/d", "--default-model", "c");
        assertEquals(List.of("c", "d"), flags.specs().stream().map(ModelSet.Spec::id).toList());
    }

    @Test
    void badSpecificationsAreOneLineUsageErrors() {
        for (String[] args : List.of(
                new String[] {"--models", "a=x,a=y"},
                new String[] {"--model", "dir/same", "--model", "other/same"},
                new String[] {"--models", "a=x,b=y", "--default-model", "c"},
                new String[] {"--models", "=x"},
                new String[] {"--models", "a b=x"},
                new String[] {"--models", "a="},
                new String[] {"--models", "a=x:workers=0"},
                new String[] {"--models", "a=x:type=best"},
                new String[] {"--models", "a=x:precision="},
                new String[] {"--models", "a=x:threads=2"},
                new String[] {"--model", "x", "--default-model", "x"})) {
            Args.UsageException e = assertThrows(Args.UsageException.class, () -> parse(Map.of(), args), String.join(" ", args));
            assertTrue(e.getMessage().startsWith("serve: ") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
