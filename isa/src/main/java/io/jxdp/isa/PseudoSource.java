package io.jxdp.isa;

/**
 * What the {@code src} field of an {@code lddw} selects (include/uapi/linux/bpf.h,
 * {@code BPF_PSEUDO_*}). In jxdp a map "fd" or "index" is the map's position in its program's map
 * table ({@link Program#maps()}): programs carry their maps, there is no process-wide fd table.
 */
public enum PseudoSource {
    /** A plain 64-bit constant. */
    IMM64(0, ""),
    /** {@code BPF_PSEUDO_MAP_FD}: a pointer to the map whose fd is in imm. */
    MAP_FD(1, "map_fd"),
    /** {@code BPF_PSEUDO_MAP_VALUE}: the address of the map's value at the offset in the next imm. */
    MAP_VALUE(2, "map_value"),
    /** {@code BPF_PSEUDO_BTF_ID}: the address of a kernel variable (not runnable here). */
    BTF_ID(3, "btf_id"),
    /** {@code BPF_PSEUDO_FUNC}: a pointer to the local function at pc + imm + 1, for callbacks and callx. */
    FUNC(4, "func"),
    /** {@code BPF_PSEUDO_MAP_IDX}: like MAP_FD, by index into the program's map table. */
    MAP_IDX(5, "map_idx"),
    /** {@code BPF_PSEUDO_MAP_IDX_VALUE}: like MAP_VALUE, by index. */
    MAP_IDX_VALUE(6, "map_idx_value");

    private final int code;
    private final String keyword;

    PseudoSource(int code, String keyword) {
        this.code = code;
        this.keyword = keyword;
    }

    public int code() {
        return code;
    }

    /** The name LLVM's {@code BPF_PSEUDO_*} tooling uses, empty for a plain constant. */
    public String keyword() {
        return keyword;
    }

    /** True if the constant refers to a map (a pointer to the map or into its value). */
    public boolean isMap() {
        return this == MAP_FD || this == MAP_VALUE || this == MAP_IDX || this == MAP_IDX_VALUE;
    }

    /** True if the constant is the address of a map value rather than the map itself. */
    public boolean isMapValue() {
        return this == MAP_VALUE || this == MAP_IDX_VALUE;
    }

    /** The pseudo source with this code, or null. */
    public static PseudoSource of(int code) {
        for (PseudoSource p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        return null;
    }
}
