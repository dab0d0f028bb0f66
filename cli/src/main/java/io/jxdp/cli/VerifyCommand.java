package io.jxdp.cli;

import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.verifier.VerifierResult;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code jxdp verify PROG}: the kernel's verdict, its log and its message, then what the kernel does
 * not say: a stable error code, whether the program is unsafe or the verifier cannot prove it
 * safe or ran out of budget, the path that led there, where the deciding fact was made or lost,
 * and what to change. Exit 0 accepted, 1 rejected, 2 bad input.
 */
final class VerifyCommand implements Command {
    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "check a program as the Linux verifier would, and explain a rejection";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Options options = new Options();
        options.addOption(Option.builder("l")
                .longOpt("log-level")
                .hasArg()
                .argName("N")
                .desc("0: verdict only, 1: the failing path (default), 2: every instruction's state")
                .get());
        options.addOption(Option.builder("j")
                .longOpt("json")
                .desc("print the result as JSON")
                .get());
        options.addOption(Option.builder()
                .longOpt("unprivileged")
                .desc("as a user without CAP_BPF/CAP_PERFMON")
                .get());
        options.addOption(Option.builder("t")
                .longOpt("type")
                .hasArg()
                .argName("TYPE")
                .desc("xdp (default), xdp-cpumap, xdp-devmap or mem:SIZE (the conformance calling convention)")
                .get());
        options.addOption(Option.builder("p")
                .longOpt("prog")
                .hasArg()
                .argName("NAME")
                .desc("the program of an ELF object")
                .get());
        options.addOption(
                Option.builder().longOpt("raw").desc("PROG is raw bytecode").get());
        options.addOption(Option.builder("s")
                .longOpt("syntax")
                .hasArg()
                .argName("SYNTAX")
                .desc("ubpf, llvm or auto")
                .get());
        Args args = Args.parse(name(), options, argv);
        if (args.help()) {
            Args.printHelp(
                    out,
                    "jxdp verify PROG [--log-level 0|1|2] [--json] [--unprivileged] [--type TYPE]",
                    "Exit 0 accepted, 1 rejected (for its structure too: jumps out of range, unknown opcodes, reserved fields,\n"
                            + "r11, writes to r10, each in the kernel's words and order), 2 a usage or input error (no such file, empty,\n"
                            + "a length that is not a multiple of 8, a broken ELF object, text that does not assemble).",
                    options);
            return 0;
        }
        ProgramSource src = ProgramSource.load(
                Path.of(args.single("PROG")), ProgramSource.syntax(args), args.has("raw"), args.get("prog"));
        ProgramType type = type(args, src);
        VerifierOptions vo = Verification.base(src)
                .withProgramType(type)
                .withPrivileged(!args.has("unprivileged"))
                .withLogLevel(args.intValue("log-level", 1, 0, 2));
        VerifierResult r = Verifier.verify(src.program(), vo);
        if (args.has("json")) {
            out.println(r.toJson());
        } else {
            String log = r.log();
            if (!log.isEmpty()) {
                out.print(log.endsWith("\n") ? log : log + "\n");
            }
            if (!r.accepted()) {
                out.println();
            }
            out.println(Verification.describe(r));
        }
        return r.accepted() ? 0 : 1;
    }

    private ProgramType type(Args args, ProgramSource src) {
        String t = args.get("type");
        if (t == null) {
            return Verification.typeOf(src, ProgramType.xdp());
        }
        return switch (t) {
            case "xdp" -> ProgramType.xdp();
            case "xdp-cpumap" -> ProgramType.xdpCpumap();
            case "xdp-devmap" -> ProgramType.xdpDevmap();
            default -> {
                if (t.startsWith("mem:")) {
                    try {
                        int size = Integer.parseInt(t.substring(4));
                        if (size >= 0) {
                            yield ProgramType.mem(size);
                        }
                    } catch (NumberFormatException e) {
                        // the usage error below says what is expected
                    }
                }
                throw new UsageException(
                        name(), "--type must be xdp, xdp-cpumap, xdp-devmap or mem:SIZE, got '" + t + "'");
            }
        };
    }
}
