package dev.tarjama.http.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text format, written from the format's description, for tests:
 * every line must be a HELP, TYPE or sample line; every sample must belong to the family declared
 * before it; histograms must be cumulative with a final {@code +Inf} bucket equal to {@code _count}.
 * Throws {@link IllegalArgumentException} naming the line on any violation.
 */
public final class Exposition {
    public record Sample(String name, Map<String, String> labels, double value) {}

    public record Family(String name, String type, String help, List<Sample> samples) {
        /** The value of the sample with this name and exactly these labels; NaN when absent. */
        public double value(String sampleName, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(sampleName) && s.labels().equals(labels))
                    .mapToDouble(Sample::value).findFirst().orElse(Double.NaN);
        }

        public double value() {
            return value(name, Map.of());
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private Exposition() {}

    public static Map<String, Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("exposition must end with a line feed");
        }
        Map<String, Family> families = new LinkedHashMap<>();
        String currentHelp = null;
        String helpFor = null;
        Family current = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String rest = line.substring(7);
                int sp = rest.indexOf(' ');
                helpFor = sp < 0 ? rest : rest.substring(0, sp);
                currentHelp = sp < 0 ? "" : unescapeHelp(rest.substring(sp + 1), n);
                check(NAME.matcher(helpFor).matches(), n, "bad metric name in HELP");
                check(!families.containsKey(helpFor), n, "family declared twice: " + helpFor);
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                check(parts.length == 2, n, "TYPE needs name and type");
                check(parts[0].equals(helpFor), n, "TYPE without its HELP right before");
                check(List.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[1]), n, "unknown type");
                current = new Family(parts[0], parts[1], currentHelp, new ArrayList<>());
                families.put(parts[0], current);
            } else if (line.startsWith("#")) {
                continue;
            } else {
                check(current != null, n, "sample before any TYPE");
                Sample s = sample(line, n);
                String base = current.name();
                boolean ok = current.type().equals("histogram")
                        ? s.name().equals(base + "_bucket") || s.name().equals(base + "_sum") || s.name().equals(base + "_count")
                        : s.name().equals(base);
                check(ok, n, "sample " + s.name() + " does not belong to family " + base);
                if (current.type().equals("counter")) {
                    check(base.endsWith("_total"), n, "counter name must end in _total");
                    check(Double.isNaN(s.value()) || s.value() >= 0, n, "negative counter");
                }
                current.samples().add(s);
            }
        }
        families.values().stream().filter(f -> f.type().equals("histogram")).forEach(Exposition::checkHistogram);
        return families;
    }

    private static void checkHistogram(Family f) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        for (Sample s : f.samples()) {
            if (s.name().endsWith("_bucket")) {
                Map<String, String> rest = new LinkedHashMap<>(s.labels());
                if (rest.remove("le") == null) {
                    throw new IllegalArgumentException(f.name() + ": bucket without le");
                }
                buckets.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
            }
        }
        for (Map.Entry<Map<String, String>, List<Sample>> e : buckets.entrySet()) {
            List<Sample> bs = e.getValue();
            double prevLe = Double.NEGATIVE_INFINITY;
            double prevCount = 0;
            for (Sample b : bs) {
                String le = b.labels().get("le");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                if (bound <= prevLe || b.value() < prevCount) {
                    throw new IllegalArgumentException(f.name() + ": buckets not increasing/cumulative at le=" + le);
                }
                prevLe = bound;
                prevCount = b.value();
            }
            if (prevLe != Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(f.name() + ": last bucket is not +Inf");
            }
            double count = f.value(f.name() + "_count", e.getKey());
            if (count != prevCount || Double.isNaN(f.value(f.name() + "_sum", e.getKey()))) {
                throw new IllegalArgumentException(f.name() + ": _count " + count + " != +Inf bucket " + prevCount + " or no _sum");
            }
        }
    }

    private static Sample sample(String line, int n) {
        Matcher m = NAME.matcher(line);
        check(m.lookingAt(), n, "bad sample name");
        String name = m.group();
        int i = m.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                Matcher lm = LABEL_NAME.matcher(line).region(i, line.length());
                check(lm.lookingAt(), n, "bad label name");
                String label = lm.group();
                i = lm.end();
                check(line.startsWith("=\"", i), n, "expected =\" after label name");
                i += 2;
                StringBuilder value = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char next = line.charAt(i + 1);
                        switch (next) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new IllegalArgumentException("line " + n + ": bad escape \\" + next);
                        }
                        i += 2;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                i++;
                check(labels.put(label, value.toString()) == null, n, "repeated label " + label);
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        check(i < line.length() && line.charAt(i) == ' ', n, "expected one space before the value");
        String[] rest = line.substring(i + 1).split(" ");
        check(rest.length == 1 || rest.length == 2, n, "expected value [timestamp]");
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(rest[0]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + n + ": bad value " + rest[0]);
                }
            }
        };
        return new Sample(name, labels, value);
    }

    private static String unescapeHelp(String s, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                check(i + 1 < s.length(), n, "dangling escape in HELP");
                char next = s.charAt(++i);
                check(next == '\\' || next == 'n', n, "bad escape in HELP");
                out.append(next == 'n' ? '\n' : '\\');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void check(boolean ok, int line, String message) {
        if (!ok) {
            throw new IllegalArgumentException("line " + line + ": " + message);
        }
    }
}
