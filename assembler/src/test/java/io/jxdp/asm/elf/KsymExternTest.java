package io.jxdp.asm.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.Opcode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code __ksym} extern functions link as libbpf links them: a call of one becomes a kfunc call
 * (src BPF_PSEUDO_KFUNC_CALL) of the BTF id of the kernel function of that name, in the table
 * recorded from Linux 6.18.44 (isa's KernelFuncs); a weak one the kernel lacks is id 0; a strong
 * one the kernel lacks fails the whole object, in libbpf's words.
 */
class KsymExternTest {
    @Test
    void aKernelFunctionIsCalledByItsBtfId() {
        ElfObject o = Fixtures.load("kfuncs.o");
        Instruction call = o.program("xdp_denied").orElseThrow().program().at(3);
        assertEquals(Instruction.of(Opcode.CALL_KFUNC, 0, 0, 0, 63_300), call); // bpf_dynptr_from_skb
        assertEquals(List.of(), o.missingKsyms());
        assertEquals(Optional.empty(), o.ksymFailure());
    }

    @Test
    void aWeakExternNoKernelHasIsCalledAsIdZero() {
        ElfObject o = Fixtures.load("kfuncs.o");
        assertEquals(
                List.of(Instruction.of(Opcode.CALL_KFUNC, 0, 0, 0, 0), Instruction.of(Opcode.EXIT, 0, 0, 0, 0)),
                o.program("xdp_weak").orElseThrow().program().instructions());
    }

    @Test
    void aStrongExternNoKernelHasFailsTheWholeObject() {
        ElfObject o = Fixtures.load("kfunc_unknown.o");
        assertEquals(List.of("bpf_not_in_any_kernel"), o.missingKsyms());
        assertEquals(
                Optional.of("libbpf: extern (func ksym) 'bpf_not_in_any_kernel': not found in kernel or module BTFs"),
                o.ksymFailure());
        assertEquals(
                Instruction.of(Opcode.CALL_KFUNC, 0, 0, 0, 0),
                o.program("xdp_unknown").orElseThrow().program().at(0));
    }

    @Test
    void theLicenseIsTheObjects() {
        assertEquals("Proprietary", Fixtures.load("kfunc_proprietary.o").license());
        assertEquals("GPL", Fixtures.load("kfuncs.o").license());
    }
}
