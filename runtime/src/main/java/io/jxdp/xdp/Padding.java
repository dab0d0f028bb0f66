package io.jxdp.xdp;

/**
 * Cache-line spacing for state that one thread writes per frame while another reads what lies
 * beside it: without it, objects allocated (or moved by the GC) next to each other share a cache
 * line, and each write drags the line across cores (false sharing). Arrays get unused slots at
 * both ends; the constants say how many.
 */
final class Padding {
    /** Reference slots that span a 64-byte line even with uncompressed references (8 x 8 bytes). */
    static final int REFS = 8;
    /** Int slots spanning a line (16 x 4 bytes). */
    static final int INTS = 16;

    private Padding() {}

    /** A frame array whose usable slots {@code [REFS, REFS + n)} sit a line away from its neighbours. */
    static Frame[] frames(int n) {
        return new Frame[n + 2 * REFS];
    }
}
