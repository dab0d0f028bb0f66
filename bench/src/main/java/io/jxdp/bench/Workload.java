package io.jxdp.bench;

import io.jxdp.jit.AccessFacts;
import io.jxdp.jit.JitCompiler;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import java.util.List;

/** One benchmark subject: a program on an engine (or its Java twin), ready to run again and again. */
public interface Workload {
    long run();

    /** The engines a program is measured on. */
    enum Engine {
        INTERPRETER("interpreter"),
        /** The JIT on unverified code: every access checked except those it proves itself. */
        JIT("jit"),
        /** The JIT given the verifier's facts: proven accesses are plain array accesses. */
        JIT_FACTS("jit-facts"),
        /** The same logic hand-written in Java. */
        JAVA("java");

        final String key;

        Engine(String key) {
            this.key = key;
        }

        static Engine ofKey(String key) {
            for (Engine e : values()) {
                if (e.key.equals(key)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("no engine " + key);
        }
    }

    /**
     * The workload for a program on an engine; checks that it computes what the Java twin does.
     *
     * @throws IllegalStateException if the result differs
     */
    static Workload of(BenchProgram program, Engine engine) {
        Cpu cpu = new Cpu(0, new AddressSpace());
        byte[] input = program.input();
        long expected = program.java(input.clone(), new Cpu(0, new AddressSpace()));
        if (program.shared() && expected != program.expected()) {
            throw new IllegalStateException(program.key() + ": the Java twin computes " + Long.toHexString(expected)
                    + ", expected.txt says " + Long.toHexString(program.expected()));
        }
        Workload w;
        if (engine == Engine.JAVA) {
            w = () -> program.java(input, cpu);
        } else {
            VmOptions options = VmOptions.defaults()
                    .withEngine(engine == Engine.INTERPRETER ? EngineKind.INTERPRETER : EngineKind.JIT)
                    .withHelpers(program.helpers())
                    .withFacts(engine == Engine.JIT_FACTS ? program.verified() : null)
                    .withWarnings(warning -> {
                        throw new IllegalStateException(warning);
                    });
            AccessFacts handWritten = engine == Engine.JIT_FACTS ? program.handWrittenFacts() : null;
            LoadedProgram loaded = handWritten == null
                    ? Vm.load(program.program(), options)
                    : JitCompiler.compile(
                            LinkedProgram.link(program.program(), List.of(), options.helpers()), options, handWritten);
            long r1 = cpu.memory().attachMemory(input);
            long r2 = input.length;
            w = () -> loaded.run(cpu, r1, r2);
        }
        long actual = w.run();
        if (actual != expected) {
            throw new IllegalStateException(
                    program.key() + " on " + engine.key + " computed " + actual + ", Java " + expected);
        }
        return w;
    }
}
