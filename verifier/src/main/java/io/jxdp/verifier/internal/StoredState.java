package io.jxdp.verifier.internal;

/** A checkpoint kept at a prune point (struct bpf_verifier_state_list). */
final class StoredState {
    final VState state;
    final StoredState parent;
    /** Paths still being explored below this checkpoint; 0 once all are done. */
    int branches = 1;

    int hits;
    int misses;

    StoredState(VState state, StoredState parent) {
        this.state = state;
        this.parent = parent;
    }
}
