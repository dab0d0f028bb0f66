package io.jxdp.vm.xdp;

import io.jxdp.vm.Cpu;

/**
 * Reads and clears what {@code bpf_redirect} / {@code bpf_redirect_map} left in a Cpu (the
 * kernel's per-CPU {@code bpf_redirect_info}). An adapter over the helpers' redirect state.
 */
final class RedirectState {
    private RedirectState() {
    }

    static void clear(Cpu cpu) {
        // connected to the helpers' per-CPU redirect state when the map helpers land
    }
}
