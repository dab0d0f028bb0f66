package io.jxdp.vm;

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
 * @param facts what the verifier proved (a {@code io.jxdp.verifier.VerifiedProgram}), or null for unverified code
 * @param warnings where engines report what the user should know (a function falling back to the interpreter)
 */
public record VmOptions(EngineKind engine, HelperTable helpers, long budget, Path dumpClassDir, Object facts,
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

    public static VmOptions defaults() {
        return new VmOptions(EngineKind.INTERPRETER, StandardHelpers.table(), DEFAULT_BUDGET, null, null, w -> { });
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

    public VmOptions withFacts(Object verified) {
        return new VmOptions(engine, helpers, budget, dumpClassDir, verified, warnings);
    }

    public VmOptions withWarnings(Consumer<String> sink) {
        return new VmOptions(engine, helpers, budget, dumpClassDir, facts, sink);
    }
}
