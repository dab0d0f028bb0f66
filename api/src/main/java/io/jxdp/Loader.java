package io.jxdp;

import io.jxdp.asm.Syntax;
import io.jxdp.isa.InvalidProgramException;
import io.jxdp.isa.JxdpException;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.verifier.VerifierResult;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.helpers.HelperFunction;
import io.jxdp.vm.helpers.HelperTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to load a program: the engine, whether to verify, the text syntax, which program of an ELF
 * object, the possible CPUs, custom helpers. Start with {@link Jxdp#loader()}; set what differs from
 * the defaults, then {@link #load(Path)}. The defaults are those of the {@code jxdp} command: the
 * JIT (the interpreter when {@code jxdp-jit} is absent), verified as a privileged XDP program,
 * syntax decided per file. A loader may load any number of programs; it is not thread-safe.
 */
public final class Loader {
    private VmOptions vmOptions = VmOptions.defaults();
    private boolean verify = true;
    private Syntax syntax = Syntax.AUTO;
    private boolean raw;
    private String select;
    private int cpus = Runtime.getRuntime().availableProcessors();
    private ProgramMaps shared;

    Loader() {}

    /** Runs programs on {@code kind}: {@code JIT} (the default when available) or {@code INTERPRETER}. */
    public Loader engine(EngineKind kind) {
        vmOptions = vmOptions.withEngine(Objects.requireNonNull(kind, "kind"));
        return this;
    }

    /**
     * Verifies programs before loading them (the default), or not: an unverified program still
     * cannot harm the JVM or read outside its memory (every access is checked), but may fault.
     */
    public Loader verify(boolean on) {
        this.verify = on;
        return this;
    }

    /** The dialect of assembly text: {@code UBPF}, {@code LLVM}, or {@code AUTO} (the default, per file). */
    public Loader syntax(Syntax s) {
        this.syntax = Objects.requireNonNull(s, "syntax");
        return this;
    }

    /** Reads input as raw bytecode (8-byte slots) even when it looks like text. */
    public Loader raw(boolean on) {
        this.raw = on;
        return this;
    }

    /** Picks a program of an ELF object by function or section name (needed when it holds several). */
    public Loader program(String functionOrSection) {
        this.select = Objects.requireNonNull(functionOrSection, "functionOrSection");
        return this;
    }

    /**
     * The possible CPUs (default: the JVM's available processors): per-CPU maps keep this many
     * values per key, and a cpumap accepts these CPU numbers as keys' targets.
     */
    public Loader cpus(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("cpus must be at least 1, not " + n);
        }
        this.cpus = n;
        return this;
    }

    /** Backward jumps and calls one run may take before it faults (default 100,000,000). */
    public Loader budget(long jumpsAndCalls) {
        vmOptions = vmOptions.withBudget(jumpsAndCalls);
        return this;
    }

    /**
     * Makes {@code implementation} the helper with id {@code id} (replacing a standard one with the
     * same id). The verifier knows the kernel's helpers only: a program calling an id the kernel has
     * no helper for is rejected as the kernel rejects it ({@code invalid func unknown#ID}), so load
     * such programs with {@code verify(false)}; a helper that replaces a kernel helper is verified
     * with the kernel's prototype, which it should honour.
     *
     * @param name for messages, without the {@code bpf_} prefix
     */
    public Loader helper(int id, String name, CustomHelper implementation) {
        Objects.requireNonNull(implementation, "implementation");
        if (id < 1) {
            throw new IllegalArgumentException("helper ids start at 1, not " + id);
        }
        HelperTable table = vmOptions
                .helpers()
                .with(new HelperFunction(
                        id,
                        name,
                        (cpu, r1, r2, r3, r4, r5) -> implementation.call(new HelperContext(cpu, r1, r2, r3, r4, r5)),
                        null));
        vmOptions = vmOptions.withHelpers(table);
        return this;
    }

    /**
     * Binds the maps of the programs this loader loads to {@code program}'s, by name, as libbpf
     * shares the maps of one object: a cpumap's second program, say, sees the first's entries.
     * The possible CPUs are then {@code program}'s.
     */
    public Loader sharingMapsWith(XdpProgram program) {
        this.shared = program.programMaps();
        return this;
    }

    /**
     * Loads the program in {@code file}: an ELF object (by its magic), raw bytecode (bytes that are
     * not UTF-8 text, or with {@link #raw}), else assembly text.
     *
     * @throws IOException if the file cannot be read
     * @throws io.jxdp.asm.AssemblerException text that does not assemble, with file, line and column
     * @throws JxdpException what cannot be read as a program (a broken ELF object, a length that is
     *     not a whole number of slots, no instructions), naming the file
     * @throws RejectedException if the verifier rejects the program or the engines cannot run it
     * @throws io.jxdp.vm.maps.MapException a map the kernel would refuse to create, with its errno
     */
    public XdpProgram load(Path file) throws IOException {
        return load(file.toString(), Files.readAllBytes(file));
    }

    /** Loads a program from {@code bytes} (as {@link #load(Path)} reads a file), named {@code name} in messages. */
    public XdpProgram load(String name, byte[] bytes) {
        return load(name, Source.read(name, bytes, syntax, raw, select));
    }

    /** Loads a program from assembly text in either dialect, named {@code name} in messages. */
    public XdpProgram assemble(String name, String text) {
        return load(name, Source.read(name, text.getBytes(StandardCharsets.UTF_8), syntax, false, select));
    }

    /** Verifies the program in {@code file} without loading it (whatever {@link #verify} says). */
    public Verification check(Path file) throws IOException {
        return check(file.toString(), Files.readAllBytes(file));
    }

    /** Verifies the program in {@code bytes} without loading it. */
    public Verification check(String name, byte[] bytes) {
        return Verification.of(verifier(Source.read(name, bytes, syntax, raw, select)));
    }

    private XdpProgram load(String name, Source src) {
        ProgramMaps maps = shared != null ? shared : new ProgramMaps(cpus);
        // maps first, as libbpf creates them before it loads a program
        maps.create(src.objectMaps());
        VmOptions options = vmOptions;
        Verification verification = Verification.notVerified();
        if (verify) {
            VerifierResult r = verifier(src);
            verification = Verification.of(r);
            if (!r.accepted()) {
                throw new RejectedException(
                        name + ": the verifier rejected the program: "
                                + r.error().orElseThrow().firstLine(),
                        verification,
                        null);
            }
            options = options.withFacts(r.orThrow());
        }
        LoadedProgram loaded;
        try {
            loaded = Vm.load(src.program(), maps.bind(src.program()), options);
        } catch (InvalidProgramException e) {
            throw new RejectedException(
                    name + ": " + (verify ? "the verifier accepts the program, but " : "")
                            + "the engines cannot run it: " + e.getMessage(),
                    verification,
                    e);
        }
        return new XdpProgram(name, loaded, maps, verification);
    }

    private static VerifierResult verifier(Source src) {
        return Verifier.verify(
                src.program(),
                VerifierOptions.defaults().withProgramType(src.type()).withLogLevel(1));
    }
}
