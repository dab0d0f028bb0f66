package io.jxdp.cli;

import io.jxdp.isa.JxdpException;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bpf_conformance plugin protocol (as uBPF's ubpf_plugin): {@code jxdp plugin [MEMORY_HEX]
 * [--program PROGRAM_HEX] [--jit|--interpret|--engine E]}; without {@code --program} the program's
 * hex bytes come as one line on stdin. Prints r0 in hex and exits 0, or prints why it could not
 * and exits 1, so {@code bpf_conformance_runner --plugin_path jxdp-plugin} can drive jxdp.
 */
final class PluginCommand implements Command {
    @Override
    public String name() {
        return "plugin";
    }

    @Override
    public String summary() {
        return "run a program for the bpf_conformance runner (hex on stdin, memory as argument)";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.contains("--help") || args.contains("-h")) {
            out.println(
                    "usage: jxdp plugin [MEMORY_HEX] [--program PROGRAM_HEX] [--jit | --interpret | --engine interpreter|jit]");
            out.println(
                    "Reads the program as hex bytes from stdin (one line) unless --program is given; prints r0 in hex.");
            return 0;
        }
        String memory = "";
        if (!args.isEmpty() && !args.get(0).startsWith("--")) {
            memory = args.remove(0);
        }
        String programHex = null;
        EngineKind engine = EngineKind.INTERPRETER;
        while (!args.isEmpty()) {
            String a = args.remove(0);
            switch (a) {
                case "--program" -> programHex = take(args, a);
                case "--jit" -> engine = EngineKind.JIT;
                case "--interpret" -> engine = EngineKind.INTERPRETER;
                case "--engine" -> {
                    String e = take(args, a);
                    engine = EngineKind.ofCliName(e);
                    if (engine == null) {
                        throw new UsageException(name(), "--engine must be interpreter or jit, got '" + e + "'");
                    }
                }
                default -> throw new UsageException(name(), "unknown argument '" + a + "'");
            }
        }
        if (programHex == null) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            programHex = in.readLine();
            if (programHex == null) {
                throw new JxdpException("no program on stdin");
            }
        }
        byte[] mem = Hex.decode(memory, "memory");
        byte[] code = Hex.decode(programHex, "program"); // not hex: an input error, exit 2
        try {
            Program program = Decoder.decode(code);
            LoadedProgram loaded = Vm.load(program, VmOptions.defaults().withEngine(engine));
            long r0 = Vm.runWithMemory(loaded, new Cpu(0, new AddressSpace()), mem.length == 0 ? null : mem);
            out.println(Long.toHexString(r0));
            return 0;
        } catch (VmFault e) {
            err.println("jxdp plugin: failed to execute program: " + e.getMessage());
            return 1;
        } catch (JxdpException e) {
            // ubpf_plugin reports a refused program on stdout too ("Failed to load code: ...")
            out.println("Failed to load code: " + e.getMessage());
            err.println("jxdp plugin: " + e.getMessage());
            return 1;
        }
    }

    private String take(List<String> args, String option) {
        if (args.isEmpty()) {
            throw new UsageException(name(), option + " needs a value");
        }
        return args.remove(0);
    }
}
