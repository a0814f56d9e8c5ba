package dev.tarjama.http.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted into fixed buckets, one set per label set, written as cumulative
 * {@code _bucket{le="…"}} samples (the last one {@code le="+Inf"}), {@code _sum} and
 * {@code _count}. Thread-safe; a scrape is consistent in itself ({@code _count} equals the
 * {@code +Inf} bucket).
 */
public final class Histogram extends MetricFamily {
    private final double[] bounds;
    private final ConcurrentHashMap<List<String>, Child> children = new ConcurrentHashMap<>();

    private static final class Child {
        final LongAdder[] counts;
        final DoubleAdder sum = new DoubleAdder();

        Child(int buckets) {
            counts = new LongAdder[buckets + 1];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }
    }

    /** @param bounds finite, strictly increasing bucket upper bounds ({@code +Inf} is implied) */
    public Histogram(String name, String help, double[] bounds, String... labelNames) {
        super(name, help, List.of(labelNames));
        if (List.of(labelNames).contains("le")) {
            throw new IllegalArgumentException("'le' is reserved in histograms");
        }
        if (bounds.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bucket");
        }
        for (int i = 0; i < bounds.length; i++) {
            if (!Double.isFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must be finite and increasing: " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
        if (labelNames.length == 0) {
            children.put(List.of(), new Child(bounds.length));
        }
    }

    /** Records one observation for the given label values. */
    public void observe(double value, String... labelValues) {
        List<String> key = labels(labelValues);
        Child child = children.get(key);
        if (child == null) {
            child = children.size() < MAX_CHILDREN ? children.computeIfAbsent(key, k -> new Child(bounds.length))
                    : children.computeIfAbsent(overflowLabels(), k -> new Child(bounds.length));
        }
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        child.counts[i].increment();
        child.sum.add(value);
    }

    /** Observations recorded for a label set. */
    public long count(String... labelValues) {
        Child child = children.get(labels(labelValues));
        return child == null ? 0 : Arrays.stream(child.counts).mapToLong(LongAdder::sum).sum();
    }

    @Override
    String type() {
        return "histogram";
    }

    @Override
    void writeSamples(StringBuilder out) {
        Map<String, Map.Entry<List<String>, Child>> sorted = new TreeMap<>();
        children.entrySet().forEach(e -> sorted.put(String.join("\u0000", e.getKey()), e));
        for (Map.Entry<List<String>, Child> e : sorted.values()) {
            Child c = e.getValue();
            long cumulative = 0;
            for (int i = 0; i <= bounds.length; i++) {
                cumulative += c.counts[i].sum();
                String le = i < bounds.length ? PrometheusText.formatValue(bounds[i]) : "+Inf";
                PrometheusText.sample(out, name() + "_bucket", labelNames(), e.getKey(), "le", le, cumulative);
            }
            PrometheusText.sample(out, name() + "_sum", labelNames(), e.getKey(), null, null, c.sum.sum());
            PrometheusText.sample(out, name() + "_count", labelNames(), e.getKey(), null, null, cumulative);
        }
    }
}
