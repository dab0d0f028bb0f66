package io.jxdp.jit;

import io.jxdp.isa.Program;
import io.jxdp.vm.BoundFacts;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.interp.Interpreter;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;

/**
 * The JIT engine: compiles a linked program to one hidden class (see {@link ClassEmitter}) and
 * loads it with its class data. A function too large for one method is split into chunks; if a
 * method still comes out too large after halving its chunks a few times, or the class exceeds the
 * class file's limits, the program runs on the interpreter instead and the user is told in one
 * line through {@link VmOptions#warnings()}.
 */
public final class JitCompiler {
    /** Chunks are not made smaller than this: a function that needs it is beyond the JIT. */
    private static final int MIN_CHUNK_TARGET = 400;

    private JitCompiler() {}

    /**
     * Compiles {@code linked} for the options' budget, facts and dump directory.
     *
     * @throws IllegalArgumentException if {@code options.facts()} were verified for another program
     */
    public static LoadedProgram compile(LinkedProgram linked, VmOptions options) {
        return compile(linked, options, 0);
    }

    /**
     * Compiles {@code linked} with facts proven by other means than the verifier (the benchmarks'
     * hand-written ones). They must be about this program, and sound: see {@link AccessFacts}.
     *
     * @throws IllegalArgumentException if {@code facts} are about another program, or the options
     *     carry the verifier's facts too
     */
    public static LoadedProgram compile(LinkedProgram linked, VmOptions options, AccessFacts facts) {
        return compile(linked, options, facts, 0);
    }

    /**
     * Compiles with every function split into chunks of about {@code chunkTarget} bytes (0: only
     * functions too large for one method), so tests can put small programs through the chunked
     * form.
     */
    static LoadedProgram compile(LinkedProgram linked, VmOptions options, int chunkTarget) {
        BoundFacts bound = BoundFacts.bind(linked.program(), options.facts());
        return compile(linked, options, bound, AccessFacts.from(options.facts()), chunkTarget);
    }

    /** With facts of the caller's own, in chunks as {@link #compile(LinkedProgram, VmOptions, int)}. */
    static LoadedProgram compile(LinkedProgram linked, VmOptions options, AccessFacts facts, int chunkTarget) {
        if (options.facts() != null) {
            throw new IllegalArgumentException(
                    "the options carry the verifier's facts: give the JIT those or others, not both");
        }
        if (facts != null) {
            BoundFacts.requireSameProgram(facts.program(), linked.program());
        }
        return compile(linked, options, null, facts, chunkTarget);
    }

    private static LoadedProgram compile(
            LinkedProgram linked, VmOptions options, BoundFacts bound, AccessFacts facts, int chunkTarget) {
        Program program = linked.program();
        AccessPlan access = AccessPlan.of(program, linked.functionEntries(), facts);
        String className = "io/jxdp/jit/Bpf_" + javaName(program.name());
        Map<Integer, Integer> chunkTargets = new HashMap<>();
        if (chunkTarget > 0) {
            for (int entry : linked.functionEntries()) {
                chunkTargets.put(entry, chunkTarget);
            }
        }
        for (; ; ) {
            JitContext ctx = new JitContext(linked, access, className, options.budget());
            ClassEmitter.Generated generated;
            try {
                generated = ClassEmitter.emit(ctx, chunkTargets);
            } catch (ClassEmitter.TooLarge e) {
                if (e.chunkTarget < MIN_CHUNK_TARGET) {
                    return fallBack(
                            linked, options, bound, "the function at pc " + e.function + " does not fit JVM methods");
                }
                chunkTargets.put(e.function, e.chunkTarget);
                continue;
            } catch (MethodTooLargeException | ClassTooLargeException e) {
                return fallBack(linked, options, bound, e.getMessage());
            }
            if (options.dumpClassDir() != null) {
                dump(options, className, generated.bytes());
            }
            return new JitProgram(
                    linked,
                    define(generated.bytes(), ctx.classData()),
                    options.budget(),
                    bound,
                    generated.methods(),
                    generated.largestMethod());
        }
    }

    private static LoadedProgram fallBack(LinkedProgram linked, VmOptions options, BoundFacts bound, String why) {
        options.warnings().accept("jit: program " + linked.program().name() + " runs on the interpreter: " + why);
        return new Interpreter(linked, options.budget(), bound);
    }

    /** Defines the hidden class (unloadable with its program) and makes its one instance. */
    private static CompiledCode define(byte[] bytes, List<Object> classData) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, classData, true);
            return (CompiledCode) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (RuntimeException | Error e) {
            throw e; // a VerifyError here is a JIT bug: fail loudly, never run something else instead
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load the generated class", e);
        }
    }

    private static void dump(VmOptions options, String className, byte[] bytes) {
        Path file = options.dumpClassDir().resolve(className.substring(className.lastIndexOf('/') + 1) + ".class");
        try {
            Files.createDirectories(options.dumpClassDir());
            Files.write(file, bytes);
        } catch (IOException e) {
            options.warnings().accept("jit: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** A program name as part of a class name: letters, digits and underscores. */
    static String javaName(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(Character.isJavaIdentifierPart(c) && c < 128 ? c : '_');
        }
        return b.length() == 0 ? "prog" : b.toString();
    }
}
