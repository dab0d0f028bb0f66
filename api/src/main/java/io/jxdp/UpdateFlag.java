package io.jxdp;

import io.jxdp.vm.maps.MapFlags;

/** How an update treats an existing entry: the {@code flags} of {@code bpf_map_update_elem}. */
public enum UpdateFlag {
    /** {@code BPF_ANY}: create or replace. */
    ANY(MapFlags.ANY),
    /** {@code BPF_NOEXIST}: create only; an existing key fails with {@code -EEXIST}. */
    NOEXIST(MapFlags.NOEXIST),
    /** {@code BPF_EXIST}: replace only; a missing key fails with {@code -ENOENT}. */
    EXIST(MapFlags.EXIST);

    private final long bits;

    UpdateFlag(long bits) {
        this.bits = bits;
    }

    long bits() {
        return bits;
    }
}
