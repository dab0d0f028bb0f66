package io.jxdp.cli;

import io.jxdp.isa.text.Dialect;
import io.jxdp.isa.text.Disassembler;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code jxdp disasm FILE [--syntax llvm|ubpf]}: bytecode, an ELF object or text, printed in a dialect. */
final class DisasmCommand implements Command {
    @Override
    public String name() {
        return "disasm";
    }

    @Override
    public String summary() {
        return "print a program (raw bytecode, ELF object or text) in the llvm or ubpf dialect";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Options options = new Options();
        options.addOption(Option.builder("s")
                .longOpt("syntax")
                .hasArg()
                .argName("SYNTAX")
                .desc("llvm (default) or ubpf")
                .get());
        options.addOption(Option.builder()
                .longOpt("raw")
                .desc("FILE is raw bytecode even if it looks like text")
                .get());
        options.addOption(Option.builder("p")
                .longOpt("prog")
                .hasArg()
                .argName("NAME")
                .desc("the program of an ELF object (function or section)")
                .get());
        options.addOption(Option.builder()
                .longOpt("no-labels")
                .desc("print jump offsets instead of labels")
                .get());
        options.addOption(Option.builder()
                .longOpt("listing")
                .desc("llvm-objdump style: pc prefixes and raw bytes")
                .get());
        Args args = Args.parse(name(), options, argv);
        if (args.help()) {
            Args.printHelp(
                    out,
                    "jxdp disasm FILE [--syntax llvm|ubpf] [--prog NAME] [--no-labels] [--listing]",
                    "Prints FILE's program; the llvm output reads as llvm-objdump -d --no-show-raw-insn prints it. A slot that is no\n"
                            + "instruction prints as the .byte directive of its bytes (<unknown> in a listing, as llvm-objdump prints it).\n"
                            + "Exit 0 printed, 2 a usage or input error (no such file, empty, not a whole number of instructions).",
                    options);
            return 0;
        }
        Dialect dialect = args.choice("syntax", "llvm", "llvm", "ubpf").equals("ubpf") ? Dialect.UBPF : Dialect.LLVM;
        ProgramSource src = ProgramSource.load(
                Path.of(args.single("FILE")), io.jxdp.asm.Syntax.AUTO, args.has("raw"), args.get("prog"));
        Disassembler d = Disassembler.of(dialect).withLabels(!args.has("no-labels"));
        if (args.has("listing")) {
            d = d.withListing(true).withRawBytes(true);
        }
        out.print(d.print(src.program()));
        return 0;
    }
}
