package dev.tarjama.http.metrics;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Prometheus text exposition format (version 0.0.4): name rules, escaping and number
 * formatting. Metric names match {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names
 * {@code [a-zA-Z_][a-zA-Z0-9_]*} (not starting with {@code __}); label values escape backslash,
 * double quote and line feed; HELP text escapes backslash and line feed.
 */
public final class PrometheusText {
    /** The {@code Content-Type} of a scrape. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private PrometheusText() {}

    static String checkMetricName(String name) {
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name: " + name);
        }
        return name;
    }

    static List<String> checkLabelNames(List<String> names) {
        for (String n : names) {
            if (n == null || !LABEL_NAME.matcher(n).matches() || n.startsWith("__")) {
                throw new IllegalArgumentException("invalid label name: " + n);
            }
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("duplicate label names: " + names);
        }
        return List.copyOf(names);
    }

    /** A label value with {@code \}, {@code "} and line feed escaped. */
    public static String escapeLabelValue(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** HELP text with {@code \} and line feed escaped. */
    public static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** A sample value: integers without a fraction, {@code +Inf}, {@code -Inf}, {@code NaN}. */
    public static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Appends {@code name{l1="v1",...} value\n}; no braces when there are no labels. */
    static void sample(StringBuilder out, String name, List<String> labelNames, List<String> labelValues,
            String extraName, String extraValue, double value) {
        out.append(name);
        boolean any = !labelNames.isEmpty() || extraName != null;
        if (any) {
            out.append('{');
            for (int i = 0; i < labelNames.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labelNames.get(i)).append("=\"").append(escapeLabelValue(labelValues.get(i))).append('"');
            }
            if (extraName != null) {
                if (!labelNames.isEmpty()) {
                    out.append(',');
                }
                out.append(extraName).append("=\"").append(escapeLabelValue(extraValue)).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(formatValue(value)).append('\n');
    }
}
