package dev.tarjama.glossary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlossaryStoreTest {
    @TempDir
    Path dir;

    private static final List<GlossaryEntry> ENTRIES = List.of(new GlossaryEntry("لافروف", "Lavrov"),
            new GlossaryEntry("بيونغ يانغ", "Pyongyang"), GlossaryEntry.doNotTranslate("عاجل"));

    @Test
    void putGetDeleteAndSurviveRestart() {
        GlossaryStore store = new GlossaryStore(dir, GlossaryStore.Limits.defaults());
        assertTrue(store.put(new Glossary("news", ENTRIES)), "created");
        assertFalse(store.put(new Glossary("news", ENTRIES.subList(0, 2))), "replaced");
        assertTrue(store.put("desk", GlossaryFormat.CSV, "موسكو,Moscow\n\"قال\",\"said, quote\"\n"));
        assertEquals(List.of("desk", "news"), store.names());

        GlossaryStore reopened = new GlossaryStore(dir, GlossaryStore.Limits.defaults());
        assertEquals(List.of("desk", "news"), reopened.names());
        assertEquals(ENTRIES.subList(0, 2), reopened.get("news").orElseThrow().entries());
        assertEquals("said, quote", reopened.get("desk").orElseThrow().entries().get(1).en());

        assertTrue(reopened.delete("news"));
        assertFalse(reopened.delete("news"));
        assertEquals(Optional.empty(), reopened.get("news"));
        assertEquals(List.of("desk"), new GlossaryStore(dir, GlossaryStore.Limits.defaults()).names());
    }

    @Test
    void filesAreTsvNamedAfterTheGlossaryAndNoTempFilesRemain() throws Exception {
        GlossaryStore store = new GlossaryStore(dir, GlossaryStore.Limits.defaults());
        store.put(new Glossary("news", ENTRIES));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("news.tsv"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("لافروف\tLavrov\nبيونغ يانغ\tPyongyang\nعاجل\tعاجل\n", Files.readString(dir.resolve("news.tsv")));
    }

    @Test
    void leftoverTempFilesFromACrashAreRemovedAndIgnored() throws Exception {
        Files.writeString(dir.resolve(".news.tsv-123.tmp"), "half\tof a");
        Files.writeString(dir.resolve("README.txt"), "not a glossary");
        GlossaryStore store = new GlossaryStore(dir, GlossaryStore.Limits.defaults());
        assertTrue(store.names().isEmpty());
        assertFalse(Files.exists(dir.resolve(".news.tsv-123.tmp")));
        assertTrue(Files.exists(dir.resolve("README.txt")));
    }

    @Test
    void aCorruptStoredFileIsNamedOnStart() throws Exception {
        Files.writeString(dir.resolve("bad.tsv"), "موسكو\tMoscow\nno tab here\n", StandardCharsets.UTF_8);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new GlossaryStore(dir, GlossaryStore.Limits.defaults()));
        assertTrue(e.getMessage().contains("bad.tsv") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void badNamesAreRejectedBeforeTouchingTheDisk() {
        GlossaryStore store = new GlossaryStore(dir, GlossaryStore.Limits.defaults());
        assertThrows(IllegalArgumentException.class, () -> store.get("../x"));
        assertThrows(IllegalArgumentException.class, () -> store.delete("a/b"));
        assertThrows(IllegalArgumentException.class, () -> store.put("..", GlossaryFormat.TSV, "أ\ta\n"));
        assertThrows(IllegalArgumentException.class, () -> store.put(Glossary.inline(ENTRIES)));
    }

    @Test
    void limitsOnCountEntriesAndBytes() {
        GlossaryStore store = new GlossaryStore(dir, new GlossaryStore.Limits(2, 2, 60));
        store.put(new Glossary("a", ENTRIES.subList(0, 1)));
        store.put(new Glossary("b", ENTRIES.subList(0, 1)));
        assertThrows(GlossaryLimitException.class, () -> store.put(new Glossary("c", ENTRIES.subList(0, 1))));
        store.put(new Glossary("b", ENTRIES.subList(0, 2))); // replacing is not a new glossary
        assertThrows(GlossaryLimitException.class, () -> store.put(new Glossary("a", ENTRIES)));
        assertThrows(GlossaryLimitException.class,
                () -> store.put("a", GlossaryFormat.TSV, "موسكو\t" + "M".repeat(80) + "\n"));
        assertEquals(1, store.get("a").orElseThrow().entries().size(), "a failed put changes nothing");
    }

    @Test
    void concurrentWritersLeaveEveryGlossaryWhole() throws Exception {
        GlossaryStore store = new GlossaryStore(dir, GlossaryStore.Limits.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    List<GlossaryEntry> entries = new ArrayList<>();
                    for (int k = 0; k <= i % 5; k++) {
                        entries.add(new GlossaryEntry("كلمة" + "ب".repeat(k + 1), "word" + id + "-" + k));
                    }
                    store.put(new Glossary("g" + (i % 3), entries));
                    store.get("g" + (i % 3)).orElseThrow();
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        GlossaryStore reopened = new GlossaryStore(dir, GlossaryStore.Limits.defaults());
        assertEquals(List.of("g0", "g1", "g2"), reopened.names());
        for (String name : reopened.names()) {
            assertEquals(store.get(name).orElseThrow().entries(), reopened.get(name).orElseThrow().entries());
        }
    }
}
