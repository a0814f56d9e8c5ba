package dev.tarjama.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --name value} and {@code --flag} command-line options of one sub-command, checked against
 * the names it accepts. Errors are {@link UsageException}s with a one-line message.
 */
public final class Args {
    private final String command;
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final Map<String, java.util.List<String>> repeated = new HashMap<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * @param withValue options that take a value
     * @param booleanFlags options that take none
     */
    public static Args parse(String command, String[] argv, int from, Set<String> withValue, Set<String> booleanFlags) {
        Args a = new Args(command);
        for (int i = from; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--")) {
                throw new UsageException(command + ": unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (booleanFlags.contains(name) && inline == null) {
                a.flags.add(name);
            } else if (withValue.contains(name)) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException(command + ": --" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                a.values.put(name, value);
                a.repeated.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
            } else {
                throw new UsageException(command + ": unknown option --" + name);
            }
        }
        return a;
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Every value of an option given more than once, in order (the last one is {@link #value}). */
    public java.util.List<String> values(String name) {
        return java.util.List.copyOf(repeated.getOrDefault(name, java.util.List.of()));
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** An integer option within {@code [min, max]}, if given. */
    public Optional<Integer> intValue(String name, int min, int max) {
        return value(name).map(v -> {
            int n;
            try {
                n = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
            }
            if (n < min || n > max) {
                throw new UsageException(command + ": --" + name + " must be between " + min + " and " + max
                        + ", got " + n);
            }
            return n;
        });
    }

    /** Thrown for a bad command line; the message is shown to the user as is. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
