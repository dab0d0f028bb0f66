package io.jxdp.verifier;

/** Which memory a load, store or atomic reaches, as the verifier proved it on every path. */
public enum Region {
    /** A frame of the stack (offsets are from that frame's r10, negative). */
    STACK,
    /** The XDP context (struct xdp_md); offsets are field offsets. */
    CTX,
    /** The packet, from {@code data}; proven below {@code data_end}. */
    PACKET,
    /** The metadata area before the packet, from {@code data_meta}. */
    PACKET_META,
    /** A map value (see the map index); offsets are into the value. */
    MAP_VALUE,
    /** The memory of the conformance calling convention. */
    MEM,
    /** Different regions on different paths. */
    MIXED,
    /** Not reached by the walk (dead code), or not a memory access. */
    UNKNOWN
}
