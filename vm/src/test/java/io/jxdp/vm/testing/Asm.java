package io.jxdp.vm.testing;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.PseudoSource;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.maps.BpfMap;
import java.util.List;
import java.util.Map;

/** Instructions and loading for tests of maps and helpers, without the text assembler. */
public final class Asm {
    private Asm() {}

    /** {@code dst = map ll}: the map at {@code index} of the program's map table. */
    public static Instruction ldMap(int dst, int index) {
        return Instruction.of(Opcode.LDDW, dst, PseudoSource.MAP_IDX.code(), 0, index);
    }

    public static Instruction call(int helper) {
        return Instruction.of(Opcode.CALL, 0, 0, 0, helper);
    }

    public static Instruction mov(int dst, long imm) {
        return Instruction.of(Opcode.MOV64_IMM, dst, 0, 0, imm);
    }

    public static Instruction movr(int dst, int src) {
        return Instruction.of(Opcode.MOV64_REG, dst, src, 0, 0);
    }

    public static Instruction add(int dst, long imm) {
        return Instruction.of(Opcode.ADD64_IMM, dst, 0, 0, imm);
    }

    public static Instruction addr(int dst, int src) {
        return Instruction.of(Opcode.ADD64_REG, dst, src, 0, 0);
    }

    /** {@code *(u32 *)(dst + off) = imm}. */
    public static Instruction stw(int dst, int off, long imm) {
        return Instruction.of(Opcode.STW, dst, 0, off, imm);
    }

    public static Instruction stdw(int dst, int off, long imm) {
        return Instruction.of(Opcode.STDW, dst, 0, off, imm);
    }

    public static Instruction stxw(int dst, int off, int src) {
        return Instruction.of(Opcode.STXW, dst, src, off, 0);
    }

    public static Instruction stxb(int dst, int off, int src) {
        return Instruction.of(Opcode.STXB, dst, src, off, 0);
    }

    public static Instruction stxdw(int dst, int off, int src) {
        return Instruction.of(Opcode.STXDW, dst, src, off, 0);
    }

    public static Instruction ldxb(int dst, int src, int off) {
        return Instruction.of(Opcode.LDXB, dst, src, off, 0);
    }

    public static Instruction ldxh(int dst, int src, int off) {
        return Instruction.of(Opcode.LDXH, dst, src, off, 0);
    }

    public static Instruction ldxw(int dst, int src, int off) {
        return Instruction.of(Opcode.LDXW, dst, src, off, 0);
    }

    public static Instruction ldxdw(int dst, int src, int off) {
        return Instruction.of(Opcode.LDXDW, dst, src, off, 0);
    }

    /** {@code lock *(u64 *)(dst + off) += src}. */
    public static Instruction atomicAdd(int dst, int off, int src) {
        return Instruction.of(Opcode.ATOMIC64_ADD, dst, src, off, 0);
    }

    public static Instruction jeq(int dst, long imm, int off) {
        return Instruction.of(Opcode.JEQ_IMM, dst, 0, off, imm);
    }

    public static Instruction jne(int dst, long imm, int off) {
        return Instruction.of(Opcode.JNE_IMM, dst, 0, off, imm);
    }

    /** {@code if dst > src goto +off} (unsigned). */
    public static Instruction jgt(int dst, int src, int off) {
        return Instruction.of(Opcode.JGT_REG, dst, src, off, 0);
    }

    public static Instruction exit() {
        return Instruction.of(Opcode.EXIT, 0, 0, 0, 0);
    }

    /** {@code r2 = r10 - 4} after storing the u32 {@code key} there: a key pointer for map helpers. */
    public static Instruction[] keyOnStack(int key) {
        return new Instruction[] {stw(10, -4, key), movr(2, 10), add(2, -4)};
    }

    /** Loads a program using {@code maps} (in order) on the interpreter. */
    public static LoadedProgram load(List<BpfMap> maps, Instruction... insns) {
        List<MapDef> defs = maps.stream().map(BpfMap::def).toList();
        Program p = Program.of("test", List.of(insns), defs, Map.of());
        return Vm.load(p, maps, VmOptions.defaults());
    }

    /** Concatenates instruction groups. */
    public static Instruction[] seq(Object... parts) {
        java.util.ArrayList<Instruction> all = new java.util.ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Instruction i) {
                all.add(i);
            } else {
                all.addAll(List.of((Instruction[]) part));
            }
        }
        return all.toArray(new Instruction[0]);
    }
}
