package io.jxdp.cli;

import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Encoder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code jxdp asm FILE [-o OUT] [--syntax ubpf|llvm|auto]}: text to raw bytecode. */
final class AsmCommand implements Command {
    @Override
    public String name() {
        return "asm";
    }

    @Override
    public String summary() {
        return "assemble a program (either dialect) to raw bytecode";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Options options = new Options();
        options.addOption(Option.builder("o")
                .longOpt("output")
                .hasArg()
                .argName("OUT")
                .desc("write the bytecode here (default: hex on stdout)")
                .get());
        options.addOption(Option.builder("s")
                .longOpt("syntax")
                .hasArg()
                .argName("SYNTAX")
                .desc("ubpf, llvm or auto (default auto: per file)")
                .get());
        options.addOption(Option.builder()
                .longOpt("force")
                .desc("replace OUT if it exists")
                .get());
        Args args = Args.parse(name(), options, argv);
        if (args.help()) {
            Args.printHelp(
                    out,
                    "jxdp asm FILE [-o OUT] [--syntax ubpf|llvm|auto] [--force]",
                    "Assembles FILE; errors are file:line:col: message, with the offending line. The bytes are not judged:\n"
                            + "jxdp verify says what the kernel would. Exit 0 written, 2 a usage or input error.",
                    options);
            return 0;
        }
        Path file = Path.of(args.single("FILE"));
        ProgramSource src = ProgramSource.load(file, ProgramSource.syntax(args), false, null);
        // the bytes the text says, as llvm-mc writes them: whether they make a valid program is
        // for jxdp verify (the kernel's verdict) or ProgramCheck (before an engine runs them) to say
        Program p = src.program();
        byte[] bytes = Encoder.encode(p);
        if (args.has("output")) {
            OutputFile.write(Path.of(args.get("output")), bytes, args.has("force"), List.of(file));
        } else {
            HexFormat hex = HexFormat.ofDelimiter(" ");
            for (int i = 0; i < bytes.length; i += 8) {
                out.println(hex.formatHex(bytes, i, i + 8));
            }
        }
        return 0;
    }
}
