package io.jxdp.verifier;

/**
 * What the verifier proved about one load, store or atomic, for the JIT: the region its base
 * pointer has on every path, and whether the access is proven inside that region.
 *
 * @param pc the instruction's pc
 * @param region the region on all paths, or MIXED
 * @param mapIndex for MAP_VALUE, the map's index in the program's map table; else -1
 * @param inBounds true when every path proved the access inside its region (always, for an
 *     accepted program: a rejection is the only other outcome)
 * @param minOff the lowest byte offset accessed on any path, relative to the region's base (the
 *     frame pointer for STACK, {@code data} for PACKET, the value for MAP_VALUE); 0 for MIXED
 * @param maxOff one past the highest byte offset accessed on any path; 0 for MIXED
 * @param size the access width in bytes
 * @param write true if it writes (stores and atomics)
 */
public record AccessFact(
        int pc, Region region, int mapIndex, boolean inBounds, long minOff, long maxOff, int size, boolean write) {}
