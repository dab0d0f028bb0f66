package io.jxdp.asm.internal;

import io.jxdp.asm.AssemblerException;

/** The labels and maps of a file, seen from one instruction (errors name that instruction's line). */
interface Resolver {
    /** The pc of a label, or an "unknown label" error at {@code index} of the instruction's line. */
    int labelPc(String name, int index);

    /** True if a label of this name exists (or is implied, like the conformance suite's "exit"). */
    boolean isLabel(String name);

    /** The index of a declared map, or an "unknown map" error. */
    int mapIndex(String name, int index);

    /** True if a map of this name is declared. */
    boolean isMap(String name);

    /** The number of slots in the program: the first pc after the last instruction. */
    int slotCount();

    /** An error at {@code index} of the instruction's line. */
    AssemblerException error(int index, String reason);
}
