package dev.tarjama.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded quota store's log: counts survive a restart and a kill -9, torn lines are skipped. */
class LocalQuotasTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Test
    void countsAndRefundsSurviveReopeningAndOldDaysAreCompactedAway(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("quotas.log");
        try (LocalQuotas q = new LocalQuotas(log)) {
            assertTrue(q.charge("alice", TODAY, 70, 100).accepted());
            assertFalse(q.charge("alice", TODAY, 40, 100).accepted());
            q.refund("alice", TODAY, 20);
            q.charge("bob", TODAY.minusDays(5), 9, 100);
        }
        try (LocalQuotas q = new LocalQuotas(log)) {
            assertEquals(50, q.used("alice", TODAY));
            assertEquals(0, q.used("bob", TODAY.minusDays(5)), "days before yesterday are dropped at start");
            assertEquals(TODAY + "\talice\t50\n", Files.readString(log), "the log is compacted to the totals");
        }
    }

    @Test
    void aTornLastLineFromACrashIsSkipped(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("quotas.log");
        Files.writeString(log, TODAY + "\talice\t10\n" + TODAY + "\talice\t5\n" + TODAY + "\talice\t9", StandardCharsets.UTF_8);
        try (LocalQuotas q = new LocalQuotas(log)) {
            assertEquals(15, q.used("alice", TODAY));
        }
    }

    @Test
    void killMinus9LosesNoAcknowledgedCharge(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("quotas.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), QuotaChargeLoop.class.getName(), log.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                acknowledged = Long.parseLong(line);
                if (acknowledged >= 2000) {
                    break;
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL while it keeps charging: no shutdown hook, no close
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(acknowledged >= 2000, "the child charged: " + acknowledged);
        try (LocalQuotas q = new LocalQuotas(log)) {
            long used = q.used("k", TODAY);
            assertTrue(used >= acknowledged,
                    "every charge acknowledged before kill -9 is in the log (" + acknowledged + " acknowledged, " + used + " read)");
        }
    }
}
