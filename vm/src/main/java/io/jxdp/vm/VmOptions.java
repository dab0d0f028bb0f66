package io.jxdp.vm;

import io.jxdp.verifier.VerifiedProgram;
import io.jxdp.vm.helpers.HelperTable;
import io.jxdp.vm.helpers.StandardHelpers;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to load a program: which engine, which helpers, the run budget, and the JIT's options.
 * Immutable; each {@code with} method returns a copy.
 *
 * @param engine the engine
 * @param helpers the helpers programs may call
 * @param budget backward jumps and calls one run may take before it faults with {@link FaultKind#BUDGET}
 * @param dumpClassDir where the JIT writes the classes it generates, or null
 * @param facts what the verifier proved about the program to be loaded, or null for unverified code; see
 *     {@link #withFacts}
 * @param warnings where engines report what the user should know (a function falling back to the interpreter)
 */
public record VmOptions(
        EngineKind engine,
        HelperTable helpers,
        long budget,
        Path dumpClassDir,
        VerifiedProgram facts,
        Consumer<String> warnings) {

    /** Enough for any terminating program jxdp is meant for; a runaway loop stops within seconds. */
    public static final long DEFAULT_BUDGET = 100_000_000L;

    public VmOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(helpers, "helpers");
        Objects.requireNonNull(warnings, "warnings");
        if (budget <= 0) {
            throw new IllegalArgumentException("budget must be positive");
        }
    }

    /**
     * The JIT when {@code jxdp-jit} is on the class or module path (as the CLI defaults to it),
     * else the interpreter; the standard helpers, {@link #DEFAULT_BUDGET}, no facts.
     */
    public static VmOptions defaults() {
        EngineKind engine = Compilers.jitAvailable() ? EngineKind.JIT : EngineKind.INTERPRETER;
        return new VmOptions(engine, StandardHelpers.table(), DEFAULT_BUDGET, null, null, w -> {});
    }

    public VmOptions withEngine(EngineKind e) {
        return new VmOptions(e, helpers, budget, dumpClassDir, facts, warnings);
    }

    public VmOptions withHelpers(HelperTable h) {
        return new VmOptions(engine, h, budget, dumpClassDir, facts, warnings);
    }

    public VmOptions withBudget(long b) {
        return new VmOptions(engine, helpers, b, dumpClassDir, facts, warnings);
    }

    public VmOptions withDumpClassDir(Path dir) {
        return new VmOptions(engine, helpers, budget, dir, facts, warnings);
    }

    /**
     * The verifier's facts about the program these options will load: the JIT turns the accesses
     * they prove into plain array accesses and drops the budget on loops the verifier walked to
     * their exit. They hold for one program and one entry state only, so loading refuses another
     * program's facts (with an {@code IllegalArgumentException} naming the first difference), and
     * every run of the loaded program is checked against the program type they were verified for
     * (see {@link BoundFacts}).
     */
    public VmOptions withFacts(VerifiedProgram verified) {
        return new VmOptions(engine, helpers, budget, dumpClassDir, verified, warnings);
    }

    public VmOptions withWarnings(Consumer<String> sink) {
        return new VmOptions(engine, helpers, budget, dumpClassDir, facts, sink);
    }
}
