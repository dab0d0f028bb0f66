package io.jxdp.cli;

import io.jxdp.asm.elf.ElfProgram;
import io.jxdp.isa.Program;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.verifier.VerifierResult;
import io.jxdp.vm.VmOptions;

/** Verify-before-run, shared by the commands that run programs. */
final class Verification {
    private Verification() {
    }

    /**
     * Verifies {@code program} as {@code type} unless {@code skip}; returns the options to load it
     * with (the verifier's facts added, so the JIT drops the checks it proved unnecessary).
     *
     * @throws io.jxdp.verifier.VerifierException if the program is rejected (Main prints why, exit 1)
     */
    static VmOptions verified(Program program, ProgramType type, boolean skip, VmOptions options) {
        if (skip) {
            return options;
        }
        VerifiedProgram v = Verifier.verifyOrThrow(program, VerifierOptions.defaults().withProgramType(type).withLogLevel(1));
        return options.withFacts(v);
    }

    /** The type of an ELF program by its section (xdp/cpumap, xdp/devmap), else the default. */
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
