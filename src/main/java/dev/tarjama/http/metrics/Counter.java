package dev.tarjama.http.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/** A monotonically increasing count, one per label set. Thread-safe. */
public final class Counter extends MetricFamily {
    private final ConcurrentHashMap<List<String>, DoubleAdder> children = new ConcurrentHashMap<>();

    public Counter(String name, String help, String... labelNames) {
        super(name, help, List.of(labelNames));
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("counter names end in _total: " + name);
        }
        if (labelNames.length == 0) {
            children.put(List.of(), new DoubleAdder());
        }
    }

    /** Adds {@code amount} (≥ 0) to the count of the given label values. */
    public void inc(double amount, String... labelValues) {
        if (!(amount >= 0)) {
            throw new IllegalArgumentException("counters only go up, got " + amount);
        }
        List<String> key = labels(labelValues);
        DoubleAdder adder = children.get(key);
        if (adder == null) {
            adder = children.size() < MAX_CHILDREN ? children.computeIfAbsent(key, k -> new DoubleAdder())
                    : children.computeIfAbsent(overflowLabels(), k -> new DoubleAdder());
        }
        adder.add(amount);
    }

    public void inc(String... labelValues) {
        inc(1, labelValues);
    }

    /** The current count of a label set (0 if never incremented). */
    public double value(String... labelValues) {
        DoubleAdder adder = children.get(labels(labelValues));
        return adder == null ? 0 : adder.sum();
    }

    @Override
    String type() {
        return "counter";
    }

    @Override
    void writeSamples(StringBuilder out) {
        Map<String, Map.Entry<List<String>, DoubleAdder>> sorted = new TreeMap<>();
        children.entrySet().forEach(e -> sorted.put(String.join("\u0000", e.getKey()), e));
        for (Map.Entry<List<String>, DoubleAdder> e : sorted.values()) {
            PrometheusText.sample(out, name(), labelNames(), e.getKey(), null, null, e.getValue().sum());
        }
    }
}
