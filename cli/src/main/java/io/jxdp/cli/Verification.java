package io.jxdp.cli;

import io.jxdp.asm.elf.ElfProgram;
import io.jxdp.isa.InvalidProgramException;
import io.jxdp.isa.Program;
import io.jxdp.isa.ProgramCheck;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.verifier.VerifierResult;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.helpers.HelperFunction;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Verify-before-run, shared by the commands that run programs. A program the verifier rejects, or
 * one the engines cannot run at all (a slot that is no instruction, r11, a jump out of its
 * function: {@link ProgramCheck}), verified or not, is a {@link Rejection}: exit 1.
 */
final class Verification {
    /** What --no-verify says in every command's help. */
    static final String NO_VERIFY_HELP = "run without verifying (every access is still checked; a program that is not"
            + " well-formed is still rejected, exit 1)";

    private Verification() {}

    /**
     * Verifies {@code program} (named {@code file} in messages) as {@code type} unless {@code skip},
     * then checks that the engines can run it; returns the options to load it with (the verifier's
     * facts added, so the JIT drops the checks it proved unnecessary).
     *
     * @throws Rejection if the verifier rejects it or the engines cannot run it
     */
    static VmOptions verified(Program program, String file, ProgramType type, boolean skip, VmOptions options) {
        return verified(program, file, VerifierOptions.defaults(), type, skip, options);
    }

    /** As above, verifying with {@code base} (the program's license: {@link #base}) as the type given. */
    static VmOptions verified(
            Program program, String file, VerifierOptions base, ProgramType type, boolean skip, VmOptions options) {
        String structural = structuralProblem(program);
        VmOptions out = options;
        if (!skip) {
            // a helper the kernel allows but the engines cannot run is refused by name, not at run time
            VerifierResult r = Verifier.verify(
                    program,
                    base.withProgramType(type)
                            .withLogLevel(1)
                            .withHelpers(options.helpers().all().stream()
                                    .map(HelperFunction::id)
                                    .collect(Collectors.toSet())));
            if (!r.accepted()) {
                // --no-verify cannot help a program the engines refuse as well
                boolean runnable = structural == null
                        && r.error().orElseThrow().code() != io.jxdp.verifier.ErrorCode.HELPER_NOT_EMULATED;
                String hint = runnable ? " (--no-verify runs it anyway, every access checked)" : "";
                throw new Rejection(
                        file + ": the verifier rejected the program" + hint + ":",
                        List.of(r.error().orElseThrow().explain().split("\n")));
            }
            out = options.withFacts(r.orThrow());
        }
        if (structural != null) {
            throw new Rejection(
                    file + ": "
                            + (skip
                                    ? "not verified, and the engines cannot run it: "
                                    : "the verifier accepts the program, but the engines cannot run it: ")
                            + structural,
                    List.of());
        }
        return out;
    }

    /**
     * The verifier options a program's source implies, as libbpf hands a program to the kernel: an
     * ELF program's license decides whether it is GPL-compatible (no license section: it is not);
     * text and raw bytecode carry no license and are taken as GPL, as jxdp always took them.
     *
     * @throws Rejection (exit 1) if libbpf would not load the program: it calls a {@code __ksym}
     *     function the kernel's BTF does not have
     */
    static VerifierOptions base(ProgramSource src) {
        if (src == null || src.elf() == null) {
            return VerifierOptions.defaults();
        }
        var failure = src.elf().ksymFailure();
        if (failure.isPresent()) {
            throw new Rejection(src.file() + ": " + failure.get(), List.of());
        }
        return VerifierOptions.defaults()
                .withGplCompatible(VerifierOptions.isGplCompatible(src.elf().license()));
    }

    /** ProgramCheck's refusal ("pc 0: unknown opcode 0xe7"), or null if the engines can run the program. */
    static String structuralProblem(Program program) {
        try {
            ProgramCheck.check(program);
            return null;
        } catch (InvalidProgramException e) {
            return e.getMessage();
        }
    }

    /** The type of an ELF program by its section (xdp/cpumap, xdp/devmap), else the default. */
    @SuppressWarnings("ReferenceEquality") // which of the object's programs was loaded: that very one
    static ProgramType typeOf(ProgramSource src, ProgramType fallback) {
        if (src != null && src.elf() != null) {
            for (ElfProgram p : src.elf().programs()) {
                if (p.program() == src.program()) {
                    return switch (p.attach()) {
                        case CPUMAP -> ProgramType.xdpCpumap();
                        case DEVMAP -> ProgramType.xdpDevmap();
                        default -> fallback;
                    };
                }
            }
        }
        return fallback;
    }

    static String describe(VerifierResult r) {
        return r.accepted() ? "accepted" : r.error().map(e -> e.explain()).orElse("rejected");
    }
}
