package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ModelRegistry;
import dev.tarjama.translation.TranslationService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReloadOnHangupTest {
    static ModelRegistry.Loaded fake(String revision) {
        FakeEngine engine = new FakeEngine();
        engine.setRevision(revision);
        return new ModelRegistry.Loaded(new TranslationService(engine), null, Map.of(), 1);
    }

    @Test
    void hangupReloadsEveryModelFromItsDirectoryAndAFailureKeepsThatModelServing() {
        ModelRegistry registry = new ModelRegistry(List.of(
                new ModelRegistry.Entry("fast", Path.of("models/fast"), null, fake("f1")),
                new ModelRegistry.Entry("best", Path.of("models/best"), null, fake("b1"))), null, (id, dir) -> {
                    if (id.equals("best")) {
                        throw new IllegalStateException("model directory " + dir + " is missing: config.json");
                    }
                    return fake("f2-" + dir.getFileName());
                });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> lines = ReloadOnHangup.reloadAll(registry, Duration.ofSeconds(1),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(List.of("tarjama: SIGHUP: model fast reloaded, revision f2-fast",
                "tarjama: SIGHUP: model best was not reloaded (it keeps serving): model directory models/best is missing: config.json"),
                lines);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("f2-fast"));
        try (ModelRegistry.Lease lease = registry.acquire("best")) {
            assertEquals("b1", lease.service().model().revision());
        }
        registry.close();
    }
}
