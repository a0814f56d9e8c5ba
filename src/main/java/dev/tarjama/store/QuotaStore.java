package dev.tarjama.store;

import java.time.LocalDate;

/**
 * Characters charged per API key per UTC day: in this process, persisted to a file ({@link LocalQuotas},
 * embedded) or as counters in a store shared by replicas ({@link RedisQuotas}). Charging checks and
 * adds atomically, so concurrent requests (on any replica) never together pass the limit.
 */
public interface QuotaStore {
    /** The outcome of a charge: whether it was accepted, and what the key had used before it. */
    record Charge(boolean accepted, long usedBefore) {}

    /** Adds {@code chars} to the key's count for {@code day} unless that would pass {@code limit}. */
    Charge charge(String keyName, LocalDate day, long chars, long limit);

    /** Gives back {@code chars} charged on {@code day} (never below zero). */
    void refund(String keyName, LocalDate day, long chars);
}
