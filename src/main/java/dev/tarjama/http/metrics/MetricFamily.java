package dev.tarjama.http.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One named metric with its HELP and TYPE lines and its samples. Subclasses hold the values;
 * {@link #write} renders the family in the text format.
 */
public abstract class MetricFamily {
    /** Label sets one family keeps at most; further ones are counted under {@link #OVERFLOW}. */
    static final int MAX_CHILDREN = 500;
    /** The label value used for every label once a family is full. */
    static final String OVERFLOW = "other";

    private final String name;
    private final String help;
    private final List<String> labelNames;

    MetricFamily(String name, String help, List<String> labelNames) {
        this.name = PrometheusText.checkMetricName(name);
        this.help = Objects.requireNonNull(help, "help");
        this.labelNames = PrometheusText.checkLabelNames(labelNames);
    }

    public final String name() {
        return name;
    }

    final List<String> labelNames() {
        return labelNames;
    }

    /** {@code counter}, {@code gauge} or {@code histogram}. */
    abstract String type();

    abstract void writeSamples(StringBuilder out);

    final void write(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(PrometheusText.escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type()).append('\n');
        writeSamples(out);
    }

    /** Checks a label value list against the label names. */
    final List<String> labels(String... values) {
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got " + values.length + " values");
        }
        for (String v : values) {
            Objects.requireNonNull(v, "label value");
        }
        return List.of(values);
    }

    final List<String> overflowLabels() {
        return labelNames.stream().map(n -> OVERFLOW).toList();
    }
}
