package io.jxdp.verifier.internal;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.isa.PseudoSource;
import io.jxdp.isa.RawSlot;
import io.jxdp.verifier.ErrorCode;
import java.util.List;
import java.util.Locale;

/**
 * resolve_pseudo_ldimm64 over the raw slots, in slot order: loads with reserved fields, each
 * {@code lddw} pair and what its pseudo source names (maps must exist, direct value access needs a
 * one-entry array), and every other slot's opcode byte against the kernel's table. The first slot
 * that fails is the kernel's message.
 */
final class LdImm64 {
    private LdImm64() {}

    static void resolve(RawSlot[] slots, List<MapDef> maps) {
        for (int i = 0; i < slots.length; i++) {
            RawSlot s = slots[i];
            if (s.insnClass() == 0x01 && ((s.mode() != 0x60 && s.mode() != 0x80) || s.imm() != 0)) { // LDX: MEM, MEMSX
                throw Rejection.at(i, ErrorCode.RESERVED_FIELDS, "BPF_LDX uses reserved fields");
            }
            if (s.isLdImm64()) {
                RawSlot high = i + 1 < slots.length ? slots[i + 1] : null;
                if (high == null || high.code() != 0 || high.dst() != 0 || high.src() != 0 || high.off() != 0) {
                    throw Rejection.at(i, ErrorCode.INVALID_LDDW, "invalid bpf_ld_imm64 insn");
                }
                pseudo(i, s, high, maps);
                i++; // the second half is no instruction of its own
                continue;
            }
            if (!InsnTable.known(s.code())) {
                // callx is jxdp's (for the conformance suite), not the kernel's: not allowed rather than malformed
                ErrorCode code = s.code() == 0x8d ? ErrorCode.UNSUPPORTED_INSN : ErrorCode.UNKNOWN_OPCODE;
                throw Rejection.at(i, code, String.format(Locale.ROOT, "unknown opcode %02x", s.code()));
            }
        }
    }

    private static void pseudo(int pc, RawSlot low, RawSlot high, List<MapDef> maps) {
        PseudoSource ps = PseudoSource.of(low.src());
        if (ps == PseudoSource.IMM64 || ps == PseudoSource.FUNC) {
            return;
        }
        if (ps == PseudoSource.BTF_ID) {
            throw Rejection.at(
                    pc,
                    ErrorCode.UNSUPPORTED_INSN,
                    "kernel is missing BTF, make sure CONFIG_DEBUG_INFO_BTF=y is specified in Kconfig.");
        }
        boolean valueRef = ps == PseudoSource.MAP_VALUE || ps == PseudoSource.MAP_IDX_VALUE;
        boolean mapRef = (ps == PseudoSource.MAP_FD || ps == PseudoSource.MAP_IDX) && high.imm() == 0;
        if (!valueRef && !mapRef) {
            throw Rejection.at(pc, ErrorCode.INVALID_LDDW, "unrecognized bpf_ld_imm64 insn");
        }
        int idx = low.imm();
        if (idx < 0 || idx >= maps.size()) {
            throw Rejection.at(pc, ErrorCode.INVALID_MAP_REFERENCE, "fd " + idx + " is not pointing to valid bpf_map");
        }
        if (valueRef) {
            MapDef map = maps.get(idx);
            long off = Integer.toUnsignedLong(high.imm());
            if (off >= Limits.MAX_VAR_OFF) {
                throw Rejection.at(
                        pc, ErrorCode.INVALID_MAP_REFERENCE, "direct value offset of " + off + " is not allowed");
            }
            if (map.type() != MapType.ARRAY) { // only arrays have map_direct_value_addr
                throw Rejection.at(
                        pc, ErrorCode.INVALID_MAP_REFERENCE, "no direct value access support for this map type");
            }
            if (map.maxEntries() != 1 || off >= map.valueSize()) { // array_map_direct_value_addr's refusals
                throw Rejection.at(
                        pc,
                        ErrorCode.INVALID_MAP_REFERENCE,
                        "invalid access to map value pointer, value_size=" + map.valueSize() + " off=" + off);
            }
        }
    }
}
