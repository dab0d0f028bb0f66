package io.jxdp.cli;

import io.jxdp.asm.elf.ElfLoader;
import io.jxdp.asm.elf.ElfObject;
import io.jxdp.asm.elf.ElfProgram;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmFault;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.XdpTestRun;
import io.jxdp.vm.memory.AddressSpace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bpf_conformance plugin protocol (as uBPF's ubpf_plugin and the runner's libbpf_plugin):
 * {@code jxdp plugin [MEMORY_HEX] [--program PROGRAM_HEX] [--jit|--interpret|--engine E] [--xdp]
 * [--elf]}; without {@code --program} the program's hex bytes come as one line on stdin. The
 * runner passes the memory first, then its {@code --plugin_options}, then {@code --elf} when it
 * runs with {@code --elf true}. Prints r0 in hex and exits 0, or prints why it could not and exits
 * 1, so {@code bpf_conformance_runner --plugin_path jxdp-plugin} can drive jxdp.
 *
 * <p>{@code --xdp} is the runner's {@code --xdp_prolog true} mode: the program runs as an XDP
 * program on the memory as its packet (r1 the {@code xdp_md}, as {@code BPF_PROG_TEST_RUN} and the
 * libbpf plugin run it; memory shorter than an Ethernet header is padded to 14 bytes with zeros, as
 * the libbpf plugin pads it), and r0 is printed whole. An ELF object whose program sits in section
 * {@code xdp} (the runner's {@code --elf true} with {@code --xdp_prolog true}) runs that way too.
 */
final class PluginCommand implements Command {
    /** ETH_HLEN: the shortest packet BPF_PROG_TEST_RUN takes for XDP. */
    private static final int ETH_HLEN = 14;

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
                    "usage: jxdp plugin [MEMORY_HEX] [--program PROGRAM_HEX] [--jit | --interpret | --engine interpreter|jit]"
                            + " [--xdp] [--elf]");
            out.println(
                    "Reads the program as hex bytes from stdin (one line) unless --program is given; prints r0 in hex.");
            out.println("--xdp: run it as an XDP program on the memory (the runner's --xdp_prolog true);"
                    + " --elf: the program is an ELF object (the runner's --elf true).");
            out.println("example: bpf_conformance_runner --test_file_directory tests --plugin_path ./jxdp-plugin"
                    + " --xdp_prolog true --plugin_options \"--jit --xdp\"");
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("--serve")) {
            return serve(args);
        }
        String memory = "";
        if (!args.isEmpty() && !args.get(0).startsWith("--")) {
            memory = args.remove(0);
        }
        String programHex = null;
        EngineKind engine = EngineKind.INTERPRETER;
        boolean xdp = false;
        boolean elf = false;
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
                case "--xdp" -> xdp = true;
                case "--elf" -> elf = true;
                case "" -> {} // the runner splits --plugin_options on single spaces: doubled ones give empty words
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
            Program program;
            if (elf) {
                ElfObject object = ElfLoader.load("program", code);
                if (object.programs().isEmpty()) {
                    throw new JxdpException("the ELF object holds no program");
                }
                ElfProgram p = object.programs().get(0);
                program = p.program();
                xdp |= p.attach() == ElfProgram.Attach.XDP;
            } else {
                program = Decoder.decode(code);
            }
            LoadedProgram loaded = Vm.load(program, VmOptions.defaults().withEngine(engine));
            Cpu cpu = new Cpu(0, new AddressSpace());
            long r0 = xdp
                    ? XdpTestRun.run(loaded, cpu, Arrays.copyOf(mem, Math.max(mem.length, ETH_HLEN)))
                            .r0()
                    : Vm.runWithMemory(loaded, cpu, mem.length == 0 ? null : mem);
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

    /** {@code --serve DIR [--idle SECONDS]}: answer plugin calls from one JVM (see PluginServer). */
    private int serve(List<String> args) throws java.io.IOException {
        args.remove(0);
        java.nio.file.Path dir = java.nio.file.Path.of(take(args, "--serve"));
        int idle = 60;
        if (!args.isEmpty() && args.get(0).equals("--idle")) {
            args.remove(0);
            String value = take(args, "--idle");
            try {
                idle = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UsageException(name(), "--idle needs a number of seconds, got '" + value + "'");
            }
        }
        if (!args.isEmpty() || idle <= 0) {
            throw new UsageException(name(), "usage: jxdp plugin --serve DIR [--idle SECONDS]");
        }
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new UsageException(name(), dir + ": not a directory");
        }
        return PluginServer.serve(dir, idle, System.err);
    }

    private String take(List<String> args, String option) {
        if (args.isEmpty()) {
            throw new UsageException(name(), option + " needs a value");
        }
        return args.remove(0);
    }
}
