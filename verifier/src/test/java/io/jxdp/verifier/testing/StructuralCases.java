package io.jxdp.verifier.testing;

import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Programs the kernel refuses for their structure, as raw slots: jumps out of range, functions
 * that fall off their end, broken {@code lddw} pairs, unknown opcodes, reserved fields, invalid
 * registers, several faults at once (the kernel's first message must be jxdp's), and a sweep of every
 * opcode byte with each field set in turn. Their kernel logs are recorded in {@link #RESOURCE} by
 * {@code StructuralKernelTest} and checked by {@code StructuralRecordedTest}.
 */
public final class StructuralCases {
    /** Where the kernel's answers live (test resources). */
    public static final String RESOURCE = "kernel-verdicts/structural.txt";

    /** One case: a name, what it shows, its slots as 16 hex digits each (the bytes in order). */
    public record Case(String name, String what, List<String> slots) {
        /** The program as the lenient decoder reads it, as the CLI gives it to the verifier. */
        public Program program() {
            return Decoder.decodeLenient(HexFormat.of().parseHex(String.join("", slots)), name, List.of());
        }
    }

    private final List<Case> cases = new ArrayList<>();

    private StructuralCases() {}

    /** Every case, the hand-written ones first, then the sweep. */
    public static List<Case> all() {
        StructuralCases s = new StructuralCases();
        s.handWritten();
        s.sweep();
        return s.cases;
    }

    private void c(String name, String what, String slots) {
        cases.add(new Case(name, what, List.of(slots.split(" "))));
    }

    private void handWritten() {
        c("a1_oor_fwd", "a goto past the end (check_subprogs)", "b700000000000000 0500050000000000 9500000000000000");
        c("a2_oor_back", "a goto before the start", "b700000000000000 0500fbff00000000 9500000000000000");
        c(
                "a3_gotol_oor",
                "a gotol past the end: its offset is the immediate",
                "b700000000000000 0600000005000000 9500000000000000");
        c("a4_jcc_oor", "a conditional jump past the end", "b700000000000000 1500050000000000 9500000000000000");
        c(
                "a5_unkjmp_oor",
                "an unknown jump opcode is still range-checked before it is called unknown",
                "b700000000000000 f500050000000000 9500000000000000");
        c(
                "a6_unkjmp32_inrange",
                "an unknown jmp32 opcode in range: resolve_pseudo_ldimm64 refuses it",
                "b700000000000000 f600000000000000 9500000000000000");
        c("a7_last_mov", "the program falls off its end", "b700000000000000");
        c(
                "a7b_last_exitx",
                "exit with the X bit is not the exit the last-insn check wants",
                "b700000000000000 9d00000000000000");
        c(
                "a8_last_lddw_half",
                "the last slot is the second half of an lddw",
                "b700000000000000 1800000000000000 0000000000000000");
        c(
                "a9_unk_then_oor",
                "two faults: check_subprogs (range) comes before resolve_pseudo_ldimm64 (opcode)",
                "e700000000000000 0500050000000000 9500000000000000");
        c(
                "a10_unk_then_last",
                "two faults: the last-insn check comes before the opcode check",
                "e700000000000000 b700000000000000");
        c(
                "a11_call_oor",
                "a local call past the end (add_subprog)",
                "b700000000000000 851000000a000000 9500000000000000");
        c("a11b_call_neg", "a local call before the start", "b700000000000000 85100000f0ffffff 9500000000000000");
        c(
                "a12_func_oor",
                "a function pointer past the end",
                "1840000005000000 0000000000000000 b700000000000000 9500000000000000");
        c(
                "a13_jump_across",
                "a goto from the main function into a subprogram",
                "b700000000000000 8510000001000000 0500010000000000 9500000000000000 b700000000000000 9500000000000000");
        c("b1_ldx_imm", "a load with an immediate", "b700000000000000 6110000001000000 9500000000000000");
        c("b2_ldx_abs", "a load of mode ABS in the LDX class", "b700000000000000 2110000000000000 9500000000000000");
        c(
                "b3_lddw_second_exit",
                "an lddw whose second slot is an exit",
                "b700000000000000 1801000000000000 9500000000000000 9500000000000000");
        c(
                "b4_lddw_src7",
                "an lddw of pseudo source 7",
                "1871000000000000 0000000000000000 b700000000000000 9500000000000000");
        c(
                "b5_lddw_mapfd_hi",
                "an lddw of a map fd with a high immediate",
                "1811000000000000 0000000001000000 b700000000000000 9500000000000000");
        c("b6_unk_e7", "an unknown opcode", "e700000000000000 9500000000000000");
        c("b6b_unk_8d", "callx, which the kernel does not know", "b700000000000000 8d00000000000000 9500000000000000");
        c("b6c_unk_00", "opcode 0 outside an lddw", "0000000000000000 b700000000000000 9500000000000000");
        c(
                "b6d_ldxsdw",
                "a sign-extending 64-bit load, which does not exist",
                "9910000000000000 b700000000000000 9500000000000000");
        c(
                "b7_unk_then_ldx",
                "two faults in resolve_pseudo_ldimm64: the first slot wins",
                "e700000000000000 6110000001000000 9500000000000000");
        c(
                "b7b_ldx_then_unk",
                "the same two faults the other way round",
                "6110000001000000 e700000000000000 9500000000000000");
        c(
                "b9_atomic_bad",
                "an atomic of an unknown operation, after a path that reaches it",
                "b700000000000000 7b1af8ff00000000 db1af8ff99000000 9500000000000000");
        c("b10_call_src3", "a call of src 3", "b700000000000000 8530000001000000 9500000000000000");
        c(
                "b11_lddw_src7_then_unk",
                "a bad pseudo source before an unknown opcode",
                "1871000000000000 0000000000000000 e700000000000000 9500000000000000");
        c("d1_mov_k_src", "mov of an immediate with an offset", "b701000100000000 b700000000000000 9500000000000000");
        c(
                "d1b_mov_k_srcreg",
                "mov of an immediate with a src register",
                "b710000000000000 b700000000000000 9500000000000000");
        c("d2_mov_x_imm", "mov of a register with an immediate", "bf10000001000000 b700000000000000 9500000000000000");
        c(
                "d3_mov_x_off7",
                "mov of a register with offset 7 (not a sign extension)",
                "bf10070000000000 b700000000000000 9500000000000000");
        c(
                "d4_add_k_off1",
                "add of an immediate with offset 1 (only division and modulo have a signed form)",
                "0700010001000000 b700000000000000 9500000000000000");
        c("d4b_add_x_imm", "add of a register with an immediate", "b700000000000000 0f00000001000000 9500000000000000");
        c("d5_neg_imm", "neg with an immediate", "b700000000000000 8700000001000000 9500000000000000");
        c("d5b_neg_src", "neg with a src register", "b700000000000000 8710000000000000 9500000000000000");
        c(
                "d6_le_8",
                "le8, a byte swap of a width that does not exist",
                "b700000000000000 d400000008000000 9500000000000000");
        c("d6b_bswap_x", "bswap with the X bit", "b700000000000000 df00000010000000 9500000000000000");
        c("d7_alu_unk", "an unknown ALU operation", "b700000000000000 e400000000000000 9500000000000000");
        c("d8_div_off2", "division with offset 2", "b700000000000000 3700020001000000 9500000000000000");
        c(
                "d8b_add_off1",
                "add of an immediate with offset 1, after a path",
                "b700000000000000 0700010001000000 9500000000000000");
        c(
                "d9_stx_imm",
                "a store of a register with an immediate",
                "b700000000000000 631af8ff01000000 9500000000000000");
        c(
                "d10_st_src",
                "a store of an immediate with a src register",
                "b700000000000000 6210f8ff01000000 9500000000000000");
        c("d11_call_off", "a helper call with an offset", "b700000000000000 8500010007000000 9500000000000000");
        c("d11b_call_dst", "a helper call with a dst register", "b700000000000000 8501000007000000 9500000000000000");
        c("d12_ja_imm", "goto with an immediate", "b700000000000000 0500000001000000 9500000000000000");
        c("d12b_ja_dst", "goto with a dst register", "b700000000000000 0501000000000000 9500000000000000");
        c("d13_gotol_off", "gotol with an offset", "b700000000000000 0600010000000000 9500000000000000");
        c(
                "d14_exit_off",
                "exit with an offset: the kernel does not look (jxdp verifies it, its engines refuse it)",
                "b700000000000000 9500010000000000");
        c("d14b_exit_imm", "exit with an immediate", "b700000000000000 9500000001000000");
        c("d14c_exit_dst", "exit with a dst register", "b700000000000000 9501000000000000");
        c(
                "d15_jcc_k_src",
                "a jump on an immediate with a src register",
                "b700000000000000 1510000000000000 9500000000000000");
        c(
                "d15b_jcc_x_imm",
                "a jump on a register with an immediate",
                "b700000000000000 1d00000001000000 9500000000000000");
        c(
                "d15c_jcc32_k_src",
                "a jmp32 on an immediate with a src register",
                "b700000000000000 1610000000000000 9500000000000000");
        c(
                "d16_lddw_off",
                "an lddw with an offset (do_check: check_ld_imm)",
                "1800010000000000 0000000000000000 b700000000000000 9500000000000000");
        c("d17_lddw_r11", "an lddw into r11", "180b000000000000 0000000000000000 b700000000000000 9500000000000000");
        c(
                "d18_mov_src_r11",
                "mov into r11 from an uninitialized r0: the source is read first",
                "bf0b000000000000 9500000000000000");
        c("d18b_mov_r11_from", "mov from r11", "bfb0000000000000 9500000000000000");
        c("d19_r10_dst", "a write to r10", "b70a000000000000 b700000000000000 9500000000000000");
        c(
                "d20_taken_reserved",
                "a reserved field on the path the branch takes",
                "b700000000000000 1500010000000000 9500000000000000 b701000100000000 9500000000000000");
        c(
                "d20_dead_reserved",
                "a reserved field on the path the verifier proves dead is accepted",
                "b700000000000000 1500010000000000 b701000100000000 9500000000000000");
        c(
                "d20b_dead_unknown",
                "an unknown opcode on a dead path is refused before the walk",
                "b700000000000000 1500010000000000 9500000000000000 e700000000000000 9500000000000000");
        c("d21_ld_abs", "a legacy packet load in an XDP program", "b700000000000000 2000000000000000 9500000000000000");
        c(
                "d22_ld_mode_bad",
                "an LD of mode MEM, which does not exist",
                "b700000000000000 6000000000000000 9500000000000000");
        c(
                "d23_st_mode_bad",
                "a store of mode NOSPEC (kernel-internal)",
                "b700000000000000 c200f8ff00000000 9500000000000000");
        c("d24_stx_mode_bad", "a store of mode IND", "b700000000000000 a31af8ff00000000 9500000000000000");
        c("d25_ldx_b_neg_off", "a load into r10", "b700000000000000 611a000000000000 9500000000000000");
        c("d26_r11_in_jump", "a jump comparing r11", "b700000000000000 150b000000000000 9500000000000000");
        c(
                "d27_two_reserved_paths",
                "reserved fields on both sides of a decided branch: only the taken side counts",
                "b700000000000000 1500010000000000 b701000100000000 b710000000000000 9500000000000000");
        c(
                "e1_empty_loop",
                "goto -1: the slot after it is unreachable",
                "b700000000000000 0500ffff00000000 9500000000000000");
        c("e2_mayguard", "may_goto, which jxdp does not model", "e500000000000000 b700000000000000 9500000000000000");
        c(
                "a12b_func_neg",
                "a function pointer before the start",
                "18400000f0ffffff 0000000000000000 b700000000000000 9500000000000000");
        c(
                "a12c_func_ok",
                "a function pointer to a function that falls off its end",
                "1840000002000000 0000000000000000 b700000000000000 9500000000000000 b700000000000000 9500000000000000");
        c(
                "b12_lddw_second_ja",
                "an lddw whose second slot is a goto out of range: check_subprogs sees it first",
                "1801000000000000 0500050000000000 b700000000000000 9500000000000000");
        c(
                "c5_unreach_before_middle",
                "a jump into an lddw after an unreachable slot: the sweep reports the lower pc",
                "0500020000000000 9500000000000000 1800000000000000 0000000000000000 b700000000000000 9500000000000000");
        c(
                "c6_middle",
                "a jump into the middle of an lddw",
                "b700000000000000 1500010000000000 1800000000000000 0000000000000000 9500000000000000");
        c(
                "d20c_dead_r11",
                "r11 on a path the verifier proves dead is accepted",
                "b700000000000000 1500010000000000 b70b000000000000 9500000000000000");
        c(
                "d20d_dead_exit_imm",
                "a reserved field on a dead path is accepted",
                "b700000000000000 1500010000000000 9500000001000000 9500000000000000");
        c(
                "d28_atomic_w_bad",
                "a 32-bit atomic of an unknown operation",
                "b700000000000000 7b1af8ff00000000 c31af8ff99000000 9500000000000000");
        c(
                "d29_atomic_b",
                "an 8-bit load-acquire, which jxdp does not model",
                "b700000000000000 7b1af8ff00000000 d31af8ff00010000 9500000000000000");
        c(
                "d30_call_kfunc_off",
                "a kfunc call with an offset (the kernel looks up BTF; jxdp has none)",
                "b700000000000000 8520010001000000 9500000000000000");
        c("d31_le_src", "le16 with a src register", "b700000000000000 d410000010000000 9500000000000000");
        c(
                "k1_kfunc_denied",
                "a kfunc call of a kernel function outside XDP's kfunc sets (BUG_func) (kfunc ids of the recorded kernel's BTF)",
                "b701000000000000 b702000000000000 852000004daf0000 b700000002000000 9500000000000000");
        c(
                "k2_kfunc_not_a_function",
                "a kfunc call of a BTF id that is a FUNC_PROTO (kfunc ids of the recorded kernel's BTF)",
                "b701000000000000 b702000000000000 852000003a000100 b700000002000000 9500000000000000");
        c(
                "k3_kfunc_id_out_of_range",
                "a kfunc call of a BTF id past the last type (kfunc ids of the recorded kernel's BTF)",
                "b701000000000000 b702000000000000 85200000fbffffff b700000002000000 9500000000000000");
        c(
                "k4_kfunc_no_address",
                "a kfunc call of a function kallsyms does not know (kfunc ids of the recorded kernel's BTF)",
                "b701000000000000 b702000000000000 85200000aeaf0000 b700000002000000 9500000000000000");
        c(
                "k5_kfunc_struct_return",
                "a kfunc call of a function returning a struct (kfunc ids of the recorded kernel's BTF)",
                "b701000000000000 b702000000000000 85200000c6af0000 b700000002000000 9500000000000000");
        c(
                "k6_kfunc_metadata_not_dev_bound",
                "bpf_xdp_metadata_rx_hash from a program bound to no device (kfunc ids of the recorded kernel's BTF)",
                "b701000000000000 b702000000000000 852000003b000100 b700000002000000 9500000000000000");
        c(
                "k7_kfunc_unresolved_reached",
                "a kfunc call with imm 0 (an unresolved weak extern) that the walk reaches (kfunc ids of the recorded kernel's BTF)",
                "b701000000000000 b702000000000000 8520000000000000 b700000002000000 9500000000000000");
        c(
                "k8_kfunc_unresolved_dead",
                "a kfunc call with imm 0 on a path the walk never takes (kfunc ids of the recorded kernel's BTF)",
                "b700000000000000 1500010000000000 8520000000000000 9500000000000000");
        c(
                "k9_kfunc_negative_off",
                "a kfunc call with a negative module offset (kfunc ids of the recorded kernel's BTF)",
                "b701000000000000 b702000000000000 8520ffff23000100 b700000002000000 9500000000000000");
        c(
                "k10_kfunc_first_call_decides",
                "add_kfunc_call judges the calls in order: the second one's id is refused before the walk (kfunc ids of the recorded kernel's BTF)",
                "852000004daf0000 8520000001000000 9500000000000000");
        c(
                "k11_kfunc_denied_twice",
                "the same denied kfunc called twice (kfunc ids of the recorded kernel's BTF)",
                "b701000000000000 852000004daf0000 852000004daf0000 9500000000000000");
        c(
                "k12_kfunc_xdp_not_emulated",
                "bpf_xdp_ct_lookup, an XDP kfunc jxdp does not emulate (kfunc ids of the recorded kernel's BTF)",
                "b701000000000000 b702000000000000 8520000023000100 b700000002000000 9500000000000000");

        c(
                "d32_mov32_x_off8",
                "w0 = (s8)w0, a valid sign extension",
                "b700000000000000 bc00080000000000 9500000000000000");
        c(
                "d33_mov64_x_off32",
                "r0 = (s32)r1, a valid sign extension",
                "b700000000000000 bf10200000000000 9500000000000000");
        c(
                "d34_mov32_x_off32",
                "w0 = (s32)w1 does not exist in 32 bits",
                "b700000000000000 bc10200000000000 9500000000000000");
        c(
                "d35_sdiv_k_zero_off1",
                "signed division by an immediate 0",
                "b700000000000000 3700010000000000 9500000000000000");
        c("d36_lsh_off1", "a shift with offset 1", "b700000000000000 6700010001000000 9500000000000000");
        c("d37_ldx_r11", "a load into r11", "b700000000000000 610b000000000000 9500000000000000");
        c(
                "g1_addr_space_cast_to_1",
                "addr_space_cast to address space 1: an XDP program has no arena",
                "b700000000000000 bf00010001000000 9500000000000000");
        c(
                "g2_addr_space_cast_to_0",
                "addr_space_cast to address space 0",
                "b700000000000000 bf00010000000100 9500000000000000");
        c(
                "f1_uninit_then_reserved",
                "a reserved field after a valid move",
                "bf12000000000000 b701000100000000 9500000000000000");
        c(
                "f2_reserved_after_uninit",
                "a reserved field before an uninitialized read: the first on the path wins",
                "b701000100000000 bf32000000000000 9500000000000000");
    }

    /**
     * Every opcode byte at pc 1 of {@code r0 = 0; X; r0 = 0; exit}, with its fields 0, then with
     * dst 1, src 1, offset 1 and immediate 1 in turn: which bytes the kernel knows, which fields each
     * may use, and what the log prints for each.
     */
    private void sweep() {
        String[] variants = {"plain", "dst", "src", "off", "imm"};
        String[] fields = {"00000000000000", "01000000000000", "10000000000000", "00010000000000", "00000001000000"};
        for (int v = 0; v < variants.length; v++) {
            for (int code = 0; code < 256; code++) {
                String slot = String.format(Locale.ROOT, "%02x", code) + fields[v];
                c(
                        "sweep-" + variants[v] + "-" + slot.substring(0, 2),
                        "opcode byte " + slot.substring(0, 2) + ", " + variants[v],
                        "b700000000000000 " + slot + " b700000000000000 9500000000000000");
            }
        }
    }
}
