package io.jxdp.jit;

import static io.jxdp.vm.testing.Insns.exit;
import static io.jxdp.vm.testing.Insns.i;
import static io.jxdp.vm.testing.Insns.mov;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.helpers.BaseHelpers;
import io.jxdp.vm.helpers.HelperFunction;
import io.jxdp.vm.helpers.StandardHelpers;
import io.jxdp.vm.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** What users see of the generated code: dumped classes, line numbers that are pcs, helpers, threads. */
class InspectionTest {
    private static final Program PROGRAM = Program.of(
            "sum.bpf",
            List.of(
                    mov(0, 0),
                    mov(1, 10),
                    i(Opcode.ADD64_REG, 0, 1, 0, 0),
                    i(Opcode.SUB64_IMM, 1, 0, 0, 1),
                    i(Opcode.JNE_IMM, 1, 0, -3, 0),
                    i(Opcode.CALL, 0, 0, 0, 99),
                    exit()),
            List.of(),
            java.util.Map.of());

    @Test
    void lineNumbersArePcsAndTheSourceIsTheProgram() {
        byte[] bytes = GeneratedClasses.bytesOf(
                PROGRAM,
                VmOptions.defaults()
                        .withHelpers(StandardHelpers.table()
                                .with(new HelperFunction(99, "probe", (cpu, a, b, c, d, e) -> 0, null))));
        Set<Integer> lines = new TreeSet<>();
        String[] source = new String[1];
        new ClassReader(bytes)
                .accept(
                        new ClassVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitSource(String file, String debug) {
                                source[0] = file;
                            }

                            @Override
                            public MethodVisitor visitMethod(
                                    int access, String name, String descriptor, String signature, String[] exceptions) {
                                return new MethodVisitor(Opcodes.ASM9) {
                                    @Override
                                    public void visitLineNumber(int line, Label start) {
                                        lines.add(line);
                                    }
                                };
                            }
                        },
                        0);
        assertEquals("sum.bpf", source[0]);
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6), lines);
    }

    @Test
    void aHelperSeesTheCallingPcInTheStackWhenHiddenFramesAreShown() {
        List<StackWalker.StackFrame> seen = new ArrayList<>();
        HelperFunction probe = new HelperFunction(
                99,
                "probe",
                (cpu, a, b, c, d, e) -> {
                    StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES)
                            .forEach(seen::add);
                    return 7;
                },
                null);
        VmOptions options = VmOptions.defaults()
                .withEngine(EngineKind.JIT)
                .withHelpers(StandardHelpers.table().with(probe));
        LoadedProgram p = Vm.load(PROGRAM, options);
        assertEquals(7, p.run(new Cpu(0, new AddressSpace()), 0, 0));
        StackWalker.StackFrame f0 = seen.stream()
                .filter(f -> f.getMethodName().equals("f0"))
                .findFirst()
                .orElseThrow();
        assertEquals(5, f0.getLineNumber()); // the call at pc 5
        assertEquals("sum.bpf", f0.getFileName());
    }

    @Test
    void helpersWithoutAUsableStaticMethodGoThroughTheirObject() {
        // a direct method of a class the JIT cannot call (not public) is ignored, the impl is used
        HelperFunction hidden =
                new HelperFunction(99, "hidden", (cpu, a, b, c, d, e) -> a + 1, PrivateHelpers.method());
        VmOptions options = VmOptions.defaults()
                .withEngine(EngineKind.JIT)
                .withHelpers(StandardHelpers.table().with(hidden));
        Program p = Program.of(List.of(mov(1, 41), i(Opcode.CALL, 0, 0, 0, 99), exit()));
        assertEquals(42, Vm.load(p, options).run(new Cpu(0, new AddressSpace()), 0, 0));
        assertTrue(JitContext.callableDirectly(StandardHelpers.table().get(8)));
        assertEquals(false, JitContext.callableDirectly(hidden));
    }

    static final class PrivateHelpers {
        static long plusOne(Cpu cpu, long a, long b, long c, long d, long e) {
            return -1;
        }

        static java.lang.reflect.Method method() {
            try {
                return PrivateHelpers.class.getDeclaredMethod(
                        "plusOne", Cpu.class, long.class, long.class, long.class, long.class, long.class);
            } catch (NoSuchMethodException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void oneLoadedProgramRunsOnManyThreadsAtOnce() throws Exception {
        // recursion through the stack: each run's depth, budget and frames are its Cpu's own
        Program p = Program.of(List.of(
                mov(1, 6),
                i(Opcode.CALL_LOCAL, 0, 1, 0, 1),
                exit(),
                i(Opcode.STXDW, 10, 1, -8, 0),
                mov(0, 0),
                i(Opcode.JEQ_IMM, 1, 0, 4, 0),
                i(Opcode.SUB64_IMM, 1, 0, 0, 1),
                i(Opcode.CALL_LOCAL, 0, 1, 0, -5),
                i(Opcode.LDXDW, 1, 10, -8, 0),
                i(Opcode.ADD64_REG, 0, 1, 0, 0),
                exit()));
        LoadedProgram loaded = Vm.load(p, VmOptions.defaults().withEngine(EngineKind.JIT));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    Cpu cpu = new Cpu(id, new AddressSpace());
                    long last = 0;
                    for (int n = 0; n < 20_000; n++) {
                        last = loaded.run(cpu, 0, 0);
                    }
                    return last;
                }));
            }
            for (Future<Long> r : results) {
                assertEquals(21, r.get()); // 6 + 5 + 4 + 3 + 2 + 1
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(BaseHelpers.class, StandardHelpers.table().get(8).direct().getDeclaringClass());
    }
}
