package io.jxdp.verifier.internal;

/**
 * The whole abstract state of one path (struct bpf_verifier_state): its frames, the call depth, and
 * what explanations need (the branch decisions from entry).
 */
public final class VState {
    public FuncState[] frames = new FuncState[Limits.MAX_CALL_FRAMES];
    public int curFrame;
    /** The branch decisions that led here, newest first. */
    public PathStep path;
    /** For loop detection: the state this one was checked against at the last prune point on the same path. */
    public int insnIdx;
    /** The last checkpoint stored on this path (bpf_verifier_state.parent). */
    public StoredState parent;

    public VState copy() {
        VState s = new VState();
        for (int i = 0; i <= curFrame; i++) {
            s.frames[i] = frames[i].copy();
        }
        s.curFrame = curFrame;
        s.path = path;
        s.insnIdx = insnIdx;
        s.parent = parent;
        return s;
    }

    public FuncState cur() {
        return frames[curFrame];
    }

    public Reg[] regs() {
        return frames[curFrame].regs;
    }

    /** One branch decision: at pc the jump went to target (taken or fell through). */
    public record PathStep(int pc, int target, boolean taken, PathStep prev) {}
}
