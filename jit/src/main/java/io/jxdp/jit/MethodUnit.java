package io.jxdp.jit;

/**
 * One generated JVM method: a whole eBPF function {@code [start, end)}, or one chunk of a function
 * too large for one method.
 *
 * @param function the entry pc of the eBPF function
 * @param start the first pc of the unit
 * @param end the pc after the unit's last instruction
 * @param chunk the chunk's index within its function, or -1 for a whole function
 * @param entries for a chunk, the pcs control enters it at (its start and every target of a jump
 *     from another chunk), ascending; empty for a whole function
 */
@SuppressWarnings("ArrayRecordComponent") // a compile unit, never compared
record MethodUnit(int function, int start, int end, int chunk, int[] entries) {
    boolean isChunk() {
        return chunk >= 0;
    }

    boolean contains(int pc) {
        return pc >= start && pc < end;
    }

    /** The JVM name of this unit's method. */
    String methodName() {
        return isChunk() ? functionMethodName(function) + "_" + chunk : functionMethodName(function);
    }

    /** The name of the method a call to the function at {@code entry} calls. */
    static String functionMethodName(int entry) {
        return "f" + entry;
    }

    static final String FUNCTION_DESCRIPTOR = "(Lio/jxdp/vm/Cpu;JJJJJ)J";
    static final String CHUNK_DESCRIPTOR = "(Lio/jxdp/vm/Cpu;[JI)I";
}
