package io.jxdp.cli;

import io.jxdp.vm.EngineKind;
import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** Command-line parsing shared by the commands: one-line errors, checked numbers, help. */
final class Args {
    private final String command;
    private final CommandLine line;

    private Args(String command, CommandLine line) {
        this.command = command;
        this.line = line;
    }

    /** Parses {@code args}; {@code --help} is added to every command. */
    static Args parse(String command, Options options, String[] args) {
        options.addOption(
                Option.builder("h").longOpt("help").desc("show this help").get());
        try {
            return new Args(command, new DefaultParser().parse(options, args));
        } catch (ParseException e) {
            throw new UsageException(command, e.getMessage());
        }
    }

    boolean help() {
        return line.hasOption("help");
    }

    static void printHelp(PrintStream out, String syntax, String header, Options options) {
        out.println("usage: " + syntax);
        if (header != null && !header.isEmpty()) {
            out.println(header);
        }
        out.println();
        for (Option o : options.getOptions()) {
            String names = (o.getOpt() != null ? "-" + o.getOpt() + ", " : "    ") + "--" + o.getLongOpt()
                    + (o.hasArg() ? " " + (o.getArgName() != null ? o.getArgName() : "VALUE") : "");
            out.printf("  %-30s %s%n", names, o.getDescription());
        }
    }

    boolean has(String option) {
        return line.hasOption(option);
    }

    String get(String option) {
        return line.getOptionValue(option);
    }

    String[] all(String option) {
        String[] v = line.getOptionValues(option);
        return v == null ? new String[0] : v;
    }

    String[] positional() {
        return line.getArgs();
    }

    /** The one positional argument the command needs. */
    String single(String what) {
        String[] rest = positional();
        if (rest.length != 1) {
            throw new UsageException(
                    command, rest.length == 0 ? "missing " + what : "expected one " + what + ", got " + rest.length);
        }
        return rest[0];
    }

    /** A long option value within [min, max], or the default when absent. */
    long longValue(String option, long def, long min, long max) {
        String v = get(option);
        if (v == null) {
            return def;
        }
        try {
            long n = v.startsWith("0x") || v.startsWith("0X")
                    ? Long.parseLong(v.substring(2), 16)
                    : Long.parseLong(v.replace("_", ""));
            if (n < min || n > max) {
                throw new UsageException(
                        command, "--" + option + " must be between " + min + " and " + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command, "--" + option + " needs a whole number, got '" + v + "'");
        }
    }

    int intValue(String option, int def, int min, int max) {
        return (int) longValue(option, def, min, max);
    }

    /** One of {@code choices} (case-sensitive), or the default when absent. */
    String choice(String option, String def, String... choices) {
        String v = get(option);
        if (v == null) {
            return def;
        }
        for (String c : choices) {
            if (c.equals(v)) {
                return v;
            }
        }
        throw new UsageException(
                command, "--" + option + " must be one of " + String.join(", ", choices) + ", got '" + v + "'");
    }

    /** The engine named by {@code --engine}, or the default. */
    EngineKind engine(EngineKind def) {
        String v = choice("engine", def.cliName(), "interpreter", "jit");
        return EngineKind.ofCliName(v);
    }
}
