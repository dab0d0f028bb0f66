package io.jxdp.verifier;

import io.jxdp.isa.Program;
import io.jxdp.verifier.internal.Cfg;
import io.jxdp.verifier.internal.Checker;
import io.jxdp.verifier.internal.Disasm;
import io.jxdp.verifier.internal.Explain;
import io.jxdp.verifier.internal.Rejection;
import java.util.List;
import java.util.Objects;

/**
 * The verifier: the Linux kernel's model (kernel/bpf/verifier.c) of what an XDP program may do,
 * with the kernel's log and error texts, plus what the kernel does not give: a stable error code,
 * a category, the path to the error, where the deciding fact was made or lost, and a hint.
 *
 * <pre>
 * VerifierResult r = Verifier.verify(program, VerifierOptions.defaults());
 * if (!r.accepted()) System.err.println(r.error().get().explain());
 * </pre>
 */
public final class Verifier {
    private Verifier() {}

    /** Verifies with the default options (privileged XDP, log level 1). */
    public static VerifierResult verify(Program program) {
        return verify(program, VerifierOptions.defaults());
    }

    /** Verifies the program; never throws for a bad program (the result says why). */
    public static VerifierResult verify(Program program, VerifierOptions options) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(options, "options");
        int cpus = Runtime.getRuntime().availableProcessors();
        Cfg cfg;
        try {
            cfg = Cfg.check(program, options);
        } catch (Rejection e) {
            VerifierStats stats = new VerifierStats(0, options.insnBudget(), 0, 0, 0, 0);
            String log = options.logLevel() > 0 ? e.text + "\n" + stats.line() + "\n" : "";
            int pc = e.pc;
            String insn = pc >= 0 && program.isInstructionStart(pc) ? Disasm.formatOrBytes(program, pc) : "";
            VerifierError err =
                    new VerifierError(e.code, pc, insn, e.text, -1, "", List.of(), "", Explain.hint(e.code));
            return new VerifierResult(program, options, log, stats, err, null);
        }
        Checker env = new Checker(program, options, cfg, cpus);
        VerifierError error = null;
        try {
            env.run();
            Explain.checkMaxStackDepth(env);
            env.checkFixups();
        } catch (Rejection e) {
            env.log.verbose(e.text + "\n");
            error = Explain.error(env, e);
        }
        if (error == null && options.logLevel() == 1) {
            // the kernel keeps a level-1 log only for a rejection: an accepted program's log is the statistics
            env.log.reset(0);
        }
        VerifierStats stats = new VerifierStats(
                env.insnProcessed,
                options.insnBudget(),
                Explain.maxStatesPerInsn(env),
                Explain.totalStates(env),
                Explain.peakStates(env),
                0);
        env.log.verbose(stats.line() + "\n");
        VerifiedProgram verified = error == null
                ? new VerifiedProgram(
                        program,
                        options,
                        env.accesses.facts(),
                        env.accesses.visited(),
                        env.accesses.sameRegionCompares())
                : null;
        return new VerifierResult(program, options, env.log.toString(), stats, error, verified);
    }

    /** Verifies and returns the program with its facts, or throws a {@link VerifierException}. */
    public static VerifiedProgram verifyOrThrow(Program program, VerifierOptions options) {
        return verify(program, options).orThrow();
    }

    /** The kernel log's rendering of one instruction, {@code (61) r2 = *(u32 *)(r1 +0)}. */
    public static String disassemble(io.jxdp.isa.Instruction insn) {
        return Disasm.format(insn);
    }
}
