package dev.tarjama.http;

import dev.tarjama.store.LocalQuotas;
import dev.tarjama.store.QuotaStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Characters translated per API key per UTC day, counted in a {@link QuotaStore} (a persisted log
 * when embedded, counters shared by replicas in Redis). A request is charged when it is admitted; one
 * that would go over the key's quota is refused (429 {@code quota_exceeded}) and not charged; one
 * that then fails (any error answer: 504, 5xx, 429 overloaded, ...) is refunded. Counts restart at
 * 00:00 UTC.
 */
final class QuotaLedger {
    /** What a request was charged, to refund it if the request fails. */
    record Charged(String keyName, LocalDate day, long chars) {}

    private final Clock clock;
    private final QuotaStore store;

    /** Counts in memory only. */
    QuotaLedger(Clock clock) {
        this(clock, new LocalQuotas());
    }

    QuotaLedger(Clock clock, QuotaStore store) {
        this.clock = clock;
        this.store = store;
    }

    /**
     * Charges {@code chars} to the key or throws 429 when its quota would be exceeded.
     *
     * @return the charge (null when the key has no quota)
     */
    Charged charge(ApiKeys.Key key, long chars) {
        if (key.dailyChars() == 0) {
            return null;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        QuotaStore.Charge c = store.charge(key.name(), today, chars, key.dailyChars());
        if (!c.accepted()) {
            long left = Math.max(0, key.dailyChars() - c.usedBefore());
            throw new ApiException(429, "quota_exceeded", "this API key's daily quota of " + key.dailyChars()
                    + " characters would be exceeded (" + left + " left today, this request has " + chars
                    + "); it resets at 00:00 UTC");
        }
        return new Charged(key.name(), today, chars);
    }

    /** Gives a failed request's charge back. */
    void refund(Charged charged) {
        store.refund(charged.keyName(), charged.day(), charged.chars());
    }

    /** Seconds until the quotas reset. */
    long secondsToReset() {
        var now = clock.instant().atZone(ZoneOffset.UTC);
        var midnight = now.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC);
        return Math.max(1, java.time.Duration.between(now, midnight).toSeconds());
    }
}
