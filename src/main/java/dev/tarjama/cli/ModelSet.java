package dev.tarjama.cli;

import dev.tarjama.model.Precision;
import dev.tarjama.translation.ModelRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The models {@code serve} loads: {@code --model DIR} (repeatable; the id is the directory's name)
 * and {@code --models id=DIR[:workers=N][:slices=N][:type=T][:precision=P],...}, or, when neither flag is given,
 * {@code TARJAMA_MODEL} and {@code TARJAMA_MODELS}; plus {@code --default-model} /
 * {@code TARJAMA_DEFAULT_MODEL}. No model at all means the single default directory ({@link #specs}
 * empty), exactly as before several models were possible.
 *
 * @param defaultModel an id, a model type, or null for the first model
 */
record ModelSet(List<Spec> specs, String defaultModel) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * One model: its id, directory, and optionally its own batch workers, slices, model type and
     * precision (null: the server-wide settings, and the type chosen by size).
     */
    record Spec(String id, Path dir, Integer workers, Integer slices, ModelRegistry.Tier tier, Precision precision) {
        /** The model {@code served} loaded from {@code other} (a reload): every other setting stays. */
        Spec reloaded(String served, Path other) {
            return new Spec(served, other, workers, slices, tier, precision);
        }
    }

    ModelSet {
        specs = List.copyOf(specs);
        Set<String> ids = new HashSet<>();
        for (Spec s : specs) {
            if (!ids.add(s.id())) {
                throw new Args.UsageException("serve: two models have the id '" + s.id()
                        + "'; name them with --models id=DIR,id2=DIR2");
            }
        }
        if (defaultModel != null && !ids.contains(defaultModel) && ModelRegistry.Tier.fromWire(defaultModel).isEmpty()) {
            throw new Args.UsageException("serve: --default-model '" + defaultModel + "' is not one of the models "
                    + ids + " nor quality_optimized / latency_optimized");
        }
    }

    /** Whether several models (or named ones) were asked for. */
    boolean configured() {
        return !specs.isEmpty();
    }

    static ModelSet parse(String[] argv, Map<String, String> env) {
        Args args = Args.parse("serve", argv, 1, ServeOptions.VALUE_FLAGS, ServeOptions.BOOLEAN_FLAGS);
        List<Spec> specs = new ArrayList<>();
        List<String> dirs = args.values("model");
        String list = args.value("models").orElse(null);
        String origin = "--models";
        if (dirs.isEmpty() && list == null) {
            String one = env.get("TARJAMA_MODEL");
            dirs = one == null || one.isBlank() ? List.of() : List.of(one.strip());
            list = env.get("TARJAMA_MODELS");
            origin = "TARJAMA_MODELS";
        }
        if (list != null && !list.isBlank()) {
            for (String d : dirs) {
                Path p = Path.of(d.strip());
                specs.add(new Spec(name(p), p, null, null, null, null));
            }
            for (String item : list.split(",")) {
                if (!item.isBlank()) {
                    specs.add(spec(item.strip(), origin));
                }
            }
        } else if (dirs.size() > 1) {
            for (String d : dirs) {
                Path p = Path.of(d.strip());
                specs.add(new Spec(name(p), p, null, null, null, null));
            }
        }
        String dflt = args.value("default-model").orElse(env.get("TARJAMA_DEFAULT_MODEL"));
        dflt = dflt == null || dflt.isBlank() ? null : dflt.strip();
        if (specs.isEmpty() && dflt != null && ModelRegistry.Tier.fromWire(dflt).isEmpty()) {
            throw new Args.UsageException("serve: --default-model needs several models (--models or a repeated --model)");
        }
        return new ModelSet(specs, specs.isEmpty() ? null : dflt);
    }

    /** {@code id=DIR[:workers=N][:slices=N][:type=quality_optimized|latency_optimized][:precision=fp32|bf16|int8]}. */
    static Spec spec(String item, String origin) {
        int eq = item.indexOf('=');
        if (eq < 1) {
            throw new Args.UsageException("serve: " + origin + " entries are id=DIR[:workers=N][:slices=N][:type=T][:precision=P], got '" + item + "'");
        }
        String id = item.substring(0, eq).strip();
        if (!ID.matcher(id).matches()) {
            throw new Args.UsageException("serve: " + origin + ": model id '" + id + "' must be 1-64 of A-Z a-z 0-9 . _ -");
        }
        String[] parts = item.substring(eq + 1).split(":");
        if (parts[0].isBlank()) {
            throw new Args.UsageException("serve: " + origin + ": model " + id + " has no directory");
        }
        Integer workers = null;
        Integer slices = null;
        ModelRegistry.Tier tier = null;
        Precision precision = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            String key = kv[0].strip();
            String value = kv.length == 2 ? kv[1].strip() : "";
            switch (key) {
                case "workers" -> workers = bounded(origin, id, key, value, 64);
                case "slices" -> slices = bounded(origin, id, key, value, 64);
                case "type" -> tier = ModelRegistry.Tier.fromWire(value).orElseThrow(() -> new Args.UsageException(
                        "serve: " + origin + ": model " + id + ": type must be quality_optimized or latency_optimized, got '"
                                + value + "'"));
                case "precision" -> precision = PrecisionOption.parse("serve: " + origin + ": model " + id + ": precision",
                        value);
                default -> throw new Args.UsageException("serve: " + origin + ": model " + id + ": unknown option '" + key
                        + "' (workers, slices, type, precision)");
            }
        }
        return new Spec(id, Path.of(parts[0].strip()), workers, slices, tier, precision);
    }

    private static int bounded(String origin, String id, String key, String value, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Args.UsageException("serve: " + origin + ": model " + id + ": " + key + " must be an integer between 1 and "
                + max + ", got '" + value + "'");
    }

    private static String name(Path dir) {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        String id = n == null ? "model" : n.toString();
        if (!ID.matcher(id).matches()) {
            throw new Args.UsageException("serve: the directory name '" + id + "' is not a usable model id; use --models id=DIR");
        }
        return id;
    }
}
