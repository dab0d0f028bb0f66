package io.jxdp.cli;

import io.jxdp.isa.JxdpException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code jxdp} command. One rule for every command's exit code: 0 done; 1 the program was
 * rejected (by the verifier, or by the engines' structural rules), a test failed, or the program
 * faulted at run time; 2 a usage or input error (a file missing, empty or unreadable as what it
 * should be, text that does not assemble, an option that makes no sense). Commands read and check
 * every input before they verify or run anything. Every error a user can cause ends here as one
 * line on stderr naming the file or option (a rejection adds the verifier's explanation); a stack
 * trace appears only for a bug in jxdp, and only with {@code JXDP_DEBUG=1}.
 */
public final class Main {
    /** Exit code for a program rejected, a test failed, a program faulted at run time. */
    static final int REJECTED = 1;
    /** Exit code for bad input: text, bytecode, files, options. */
    static final int BAD_INPUT = 2;
    /** Exit code for a bug in jxdp. */
    static final int INTERNAL_ERROR = 70;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static Map<String, Command> commands() {
        Map<String, Command> all = new LinkedHashMap<>();
        for (Command c : new Command[] {
            new RunCommand(),
            new VerifyCommand(),
            new AsmCommand(),
            new DisasmCommand(),
            new TestRunCommand(),
            new MapCommand(),
            new ConformanceCommand(),
            new BenchCommand(),
            new PluginCommand()
        }) {
            all.put(c.name(), c);
        }
        return all;
    }

    /** Runs a command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(commands, args.length == 0 ? err : out);
            return args.length == 0 ? BAD_INPUT : 0;
        }
        if (args[0].equals("--version") || args[0].equals("-V")) {
            out.println(Version.line(System.getProperty(Version.COMMIT_PROPERTY)));
            out.println(Version.java());
            return 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("jxdp: unknown command '" + args[0] + "' (try: jxdp --help)");
            return BAD_INPUT;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return command.run(rest, out, err);
        } catch (io.jxdp.asm.AssemblerException e) {
            // file:line:col: message, then the offending line with a caret under the column
            err.println("jxdp " + command.name() + ": " + e.getMessage());
            err.println(e.caretDisplay());
            return BAD_INPUT;
        } catch (Rejection e) {
            // judged and refused: the first line, then the verifier's explanation
            err.println("jxdp " + command.name() + ": " + e.getMessage());
            e.details().forEach(err::println);
            return REJECTED;
        } catch (io.jxdp.verifier.VerifierException e) {
            // a rejected program: the kernel's words and jxdp's explanation, and exit 1 as verify does
            err.println("jxdp " + command.name()
                    + ": the verifier rejected the program (--no-verify runs it anyway, fully checked):");
            err.println(e.result().error().map(x -> x.explain()).orElse(e.getMessage()));
            return REJECTED;
        } catch (io.jxdp.vm.VmFault e) {
            err.println("jxdp " + command.name() + ": the program faulted: " + e.getMessage());
            return REJECTED;
        } catch (UsageException e) {
            err.println(
                    "jxdp " + command.name() + ": " + e.getMessage() + " (try: jxdp " + command.name() + " --help)");
            return BAD_INPUT;
        } catch (JxdpException e) {
            err.println("jxdp " + command.name() + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (NoSuchFileException e) {
            err.println("jxdp " + command.name() + ": " + e.getFile() + ": no such file");
            return BAD_INPUT;
        } catch (AccessDeniedException e) {
            err.println("jxdp " + command.name() + ": " + e.getFile() + ": permission denied");
            return BAD_INPUT;
        } catch (java.nio.file.FileSystemException e) {
            err.println("jxdp " + command.name() + ": " + e.getFile() + ": "
                    + (e.getReason() != null ? e.getReason() : "cannot access"));
            return BAD_INPUT;
        } catch (java.io.IOException | UncheckedIOException e) {
            err.println("jxdp " + command.name() + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (OutOfMemoryError e) {
            err.println("jxdp " + command.name() + ": out of memory (the input is too large for this JVM's heap)");
            return BAD_INPUT;
        } catch (Throwable e) {
            // anything else is a jxdp bug (a JVM VerifyError from the JIT included): one line, the trace on request
            err.println("jxdp " + command.name() + ": internal error (a bug in jxdp): " + e
                    + (debug() ? "" : "; rerun with JXDP_DEBUG=1 for the stack trace"));
            if (debug()) {
                e.printStackTrace(err);
            }
            return INTERNAL_ERROR;
        }
    }

    private static boolean debug() {
        return "1".equals(System.getenv("JXDP_DEBUG"));
    }

    private static void usage(Map<String, Command> commands, PrintStream out) {
        out.println("usage: jxdp COMMAND [ARGS]");
        out.println();
        for (Command c : commands.values()) {
            out.printf("  %-12s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("jxdp COMMAND --help shows a command's options; jxdp --version the build's version and commit.");
    }
}
