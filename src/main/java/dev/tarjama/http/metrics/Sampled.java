package dev.tarjama.http.metrics;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A metric without labels whose value is read when scraped: a gauge (queue depth, heap) or a
 * counter kept elsewhere (cache hits). A supplier that throws or returns NaN writes {@code NaN}.
 */
public final class Sampled extends MetricFamily {
    private final boolean counter;
    private final DoubleSupplier value;

    private Sampled(String name, String help, boolean counter, DoubleSupplier value) {
        super(name, help, List.of());
        this.counter = counter;
        this.value = Objects.requireNonNull(value, "value");
        if (counter && !name.endsWith("_total")) {
            throw new IllegalArgumentException("counter names end in _total: " + name);
        }
    }

    public static Sampled gauge(String name, String help, DoubleSupplier value) {
        return new Sampled(name, help, false, value);
    }

    public static Sampled counter(String name, String help, DoubleSupplier value) {
        return new Sampled(name, help, true, value);
    }

    @Override
    String type() {
        return counter ? "counter" : "gauge";
    }

    @Override
    void writeSamples(StringBuilder out) {
        double v;
        try {
            v = value.getAsDouble();
        } catch (RuntimeException e) {
            v = Double.NaN;
        }
        PrometheusText.sample(out, name(), List.of(), List.of(), null, null, v);
    }
}
