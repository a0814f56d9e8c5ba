package dev.tarjama.http;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Characters translated per API key per UTC day. A request is charged when it is admitted; one that
 * would go over the key's quota is refused (429 {@code quota_exceeded}) and not charged. Counts
 * restart at 00:00 UTC. In memory: a restart forgets them.
 */
final class QuotaLedger {
    private record Day(LocalDate date, long used) {}

    private final Clock clock;
    private final ConcurrentHashMap<String, Day> used = new ConcurrentHashMap<>();

    QuotaLedger(Clock clock) {
        this.clock = clock;
    }

    /** Charges {@code chars} to the key or throws 429 when its quota would be exceeded. */
    void charge(ApiKeys.Key key, long chars) {
        if (key.dailyChars() == 0) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        boolean[] refused = {false};
        long[] before = {0};
        used.compute(key.name(), (name, day) -> {
            long u = day == null || !day.date().equals(today) ? 0 : day.used();
            before[0] = u;
            if (u + chars > key.dailyChars()) {
                refused[0] = true;
                return new Day(today, u);
            }
            return new Day(today, u + chars);
        });
        if (refused[0]) {
            long left = Math.max(0, key.dailyChars() - before[0]);
            throw new ApiException(429, "quota_exceeded", "this API key's daily quota of " + key.dailyChars()
                    + " characters would be exceeded (" + left + " left today, this request has " + chars
                    + "); it resets at 00:00 UTC");
        }
    }

    /** Seconds until the quotas reset. */
    long secondsToReset() {
        var now = clock.instant().atZone(ZoneOffset.UTC);
        var midnight = now.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC);
        return Math.max(1, java.time.Duration.between(now, midnight).toSeconds());
    }
}
