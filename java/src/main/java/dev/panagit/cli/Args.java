package dev.panagit.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's arguments: the command declares its options and operands, then {@link #parse()}
 * reads the command line against them. No reflection, no annotations, no lambdas: a command line
 * library built on those cost each panagit process a tenth of a second before any work began.
 *
 * <p>The syntax is git's and picocli's: {@code --name}, {@code --name=value}, {@code --name value},
 * {@code -x value}, {@code -xvalue}, clustered short flags ({@code -rt}), {@code --} ending the
 * options. {@code -h}/{@code --help} shows the usage. Anything else that starts with {@code -} is
 * an error, as are missing or extra operands ({@link UsageException}, exit 129).
 */
final class Args {
    /** The command line does not fit the command: {@code error: <message>} and the usage, exit 129. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Args args;

        UsageException(Args args, String message) {
            super(message);
            this.args = args;
        }

        String usage() {
            return args.usage();
        }
    }

    /** {@code -h} or {@code --help} was given: the usage goes to stdout, exit 0. */
    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Args args;

        HelpRequested(Args args) {
            super("help");
            this.args = args;
        }

        String usage() {
            return args.usage();
        }
    }

    /** A declared option. */
    abstract static sealed class Option permits Flag, Value {
        final String[] names;
        final String label;
        final String description;
        Args owner;

        Option(String names, String label, String description) {
            this.names = names.split(",\\s*");
            this.label = label;
            this.description = description;
        }

        boolean named(String name) {
            for (String n : names) {
                if (n.equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An option without a value. */
    static final class Flag extends Option {
        private boolean on;

        Flag(String names, String description) {
            super(names, null, description);
        }

        boolean on() {
            return on;
        }
    }

    /**
     * An option with a value: required ({@code --name value} or {@code --name=value}), or optional
     * (only {@code --name=value} gives one; {@code --name} alone gives the fallback). Repeatable
     * options keep every value.
     */
    static final class Value extends Option {
        private final boolean optional;
        private final String fallback;
        private final List<String> values = new ArrayList<>();

        Value(String names, String label, boolean optional, String fallback, String description) {
            super(names, label, description);
            this.optional = optional;
            this.fallback = fallback;
        }

        boolean given() {
            return !values.isEmpty();
        }

        /** The last value given, or {@code otherwise}. */
        String get(String otherwise) {
            return values.isEmpty() ? otherwise : values.get(values.size() - 1);
        }

        /** Every value given, in order. */
        List<String> all() {
            return List.copyOf(values);
        }

        int asInt(int otherwise) {
            if (values.isEmpty()) {
                return otherwise;
            }
            return integer(get(null));
        }

        /** The value as an int, or null when not given. */
        Integer asInteger() {
            return values.isEmpty() ? null : integer(get(null));
        }

        private int integer(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new UsageException(owner, "Invalid value for option '" + names[names.length - 1] + "': '"
                        + text + "' is not an int");
            }
        }
    }

    /** The operands: at least {@code min}, at most {@code max} (-1: any number). */
    static final class Operands {
        final String label;
        final int min;
        final int max;
        final String description;
        private final List<String> values = new ArrayList<>();
        /** How many operands came before a {@code --} (-1: there was none). */
        private int beforeDashDash = -1;

        Operands(String label, int min, int max, String description) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.description = description;
        }

        List<String> all() {
            return List.copyOf(values);
        }

        /** Operand {@code i}, or {@code otherwise} when there are not that many. */
        String get(int i, String otherwise) {
            return i < values.size() ? values.get(i) : otherwise;
        }

        int size() {
            return values.size();
        }

        /** How many operands came before {@code --}, or -1 when the command line had none. */
        int beforeDashDash() {
            return beforeDashDash;
        }
    }

    private final String command;
    private final String description;
    private final String[] argv;
    private final List<Option> options = new ArrayList<>();
    private Operands operands = new Operands(null, 0, 0, null);

    /** The command line as given, after the command's name (git's reflog actions repeat it). */
    List<String> raw() {
        return List.of(argv);
    }

    Args(String command, String description, String[] argv) {
        this.command = command;
        this.description = description;
        this.argv = argv;
    }

    Flag flag(String names, String description) {
        return add(new Flag(names, description));
    }

    Value value(String names, String label, String description) {
        return add(new Value(names, label, false, null, description));
    }

    /** A value that only {@code --name=value} gives; {@code --name} alone means {@code fallback}. */
    Value optionalValue(String names, String label, String fallback, String description) {
        return add(new Value(names, label, true, fallback, description));
    }

    Operands operands(String label, int min, int max, String description) {
        operands = new Operands(label, min, max, description);
        return operands;
    }

    private <T extends Option> T add(T option) {
        option.owner = this;
        options.add(option);
        return option;
    }

    /** Reads the command line; throws {@link UsageException} or {@link HelpRequested}. */
    void parse() {
        boolean onlyOperands = false;
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (onlyOperands || arg.equals("-") || !arg.startsWith("-")) {
                operand(arg);
            } else if (arg.equals("--")) {
                onlyOperands = true;
                if (operands != null) {
                    operands.beforeDashDash = operands.values.size();
                }
            } else if (arg.equals("-h") || arg.equals("--help")) {
                throw new HelpRequested(this);
            } else if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                Option option = find(name);
                if (option == null) {
                    throw new UsageException(this, "Unknown option: '" + name + "'");
                }
                if (option instanceof Flag flag) {
                    if (eq >= 0) {
                        throw new UsageException(this, "option '" + name + "' takes no value");
                    }
                    flag.on = true;
                } else if (option instanceof Value value) {
                    if (eq >= 0) {
                        value.values.add(arg.substring(eq + 1));
                    } else if (value.optional) {
                        value.values.add(value.fallback);
                    } else if (i + 1 < argv.length) {
                        value.values.add(argv[++i]);
                    } else {
                        throw new UsageException(this, "Missing required parameter for option '" + name + "' ("
                                + value.label + ")");
                    }
                }
            } else {
                i = shortOptions(arg, i);
            }
        }
        if (operands.values.size() < operands.min) {
            throw new UsageException(this, "Missing required parameter: '" + operands.label + "'");
        }
    }

    /** {@code -x}, {@code -xvalue}, {@code -x value}, or flags clustered as {@code -xyz}; returns the index read up to. */
    private int shortOptions(String arg, int i) {
        for (int k = 1; k < arg.length(); k++) {
            String name = "-" + arg.charAt(k);
            Option option = find(name);
            if (option == null) {
                throw new UsageException(this, "Unknown option: '" + (k == 1 ? arg : name) + "'");
            }
            if (option instanceof Flag flag) {
                flag.on = true;
                continue;
            }
            Value value = (Value) option;
            if (k + 1 < arg.length()) {
                value.values.add(arg.substring(k + 1));
            } else if (value.optional) {
                value.values.add(value.fallback);
            } else if (i + 1 < argv.length) {
                value.values.add(argv[++i]);
            } else {
                throw new UsageException(this, "Missing required parameter for option '" + name + "' (" + value.label
                        + ")");
            }
            return i;
        }
        return i;
    }

    private void operand(String arg) {
        if (operands.max >= 0 && operands.values.size() >= operands.max) {
            throw new UsageException(this, "Unmatched argument at index " + operands.values.size() + ": '" + arg + "'");
        }
        operands.values.add(arg);
    }

    private Option find(String name) {
        for (Option option : options) {
            if (option.named(name)) {
                return option;
            }
        }
        return null;
    }

    /** The usage text: the synopsis, the description, then each option and the operands. */
    String usage() {
        StringBuilder sb = new StringBuilder("Usage: panagit ").append(command);
        if (!options.isEmpty()) {
            sb.append(" [<options>]");
        }
        if (operands.label != null) {
            sb.append(' ').append(operands.min == 0 ? "[" + operands.label + "]" : operands.label);
            if (operands.max != 1) {
                sb.append("...");
            }
        }
        sb.append('\n').append(description).append('\n');
        for (Option option : options) {
            String names = String.join(", ", option.names) + (option.label == null ? ""
                    : option instanceof Value v && v.optional ? "[=" + option.label + "]" : " " + option.label);
            sb.append(String.format("  %-28s %s%n", names, option.description));
        }
        if (operands.label != null && operands.description != null) {
            sb.append(String.format("  %-28s %s%n", operands.label, operands.description));
        }
        return sb.toString();
    }
}
