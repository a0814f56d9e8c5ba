package dev.tarjama.store;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Child process of {@link LocalQuotasTest}: charges 1 character at a time to key "k" in the quota
 * log given as argument and prints the count after each charge returned, until it is killed.
 */
public final class QuotaChargeLoop {
    private QuotaChargeLoop() {}

    public static void main(String[] args) throws Exception {
        LocalQuotas quotas = new LocalQuotas(Path.of(args[0]));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (long n = 1; ; n++) {
            quotas.charge("k", today, 1, Long.MAX_VALUE);
            System.out.println(n);
            System.out.flush();
        }
    }
}
