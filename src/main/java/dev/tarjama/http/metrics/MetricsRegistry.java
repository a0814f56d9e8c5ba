package dev.tarjama.http.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The metric families one service exposes, in registration order; renders a scrape. Thread-safe. */
public final class MetricsRegistry {
    private final List<MetricFamily> families = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** Adds a family; names (including a histogram's {@code _bucket}/{@code _sum}/{@code _count}) must be unique. */
    public synchronized <T extends MetricFamily> T register(T family) {
        if (!names.add(family.name())) {
            throw new IllegalArgumentException("metric already registered: " + family.name());
        }
        families.add(family);
        return family;
    }

    /** The whole exposition in text format. */
    public String scrape() {
        List<MetricFamily> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(families);
        }
        StringBuilder out = new StringBuilder(8192);
        for (MetricFamily f : snapshot) {
            f.write(out);
        }
        return out.toString();
    }
}
