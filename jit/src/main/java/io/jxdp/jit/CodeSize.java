package io.jxdp.jit;

import io.jxdp.isa.Instruction;

/**
 * A generous estimate of the bytecode one eBPF instruction becomes, to decide where a function
 * must be split. The emitted size is measured afterwards; a method that still comes out too large
 * is emitted again in smaller chunks, so the estimate only needs to be close.
 */
final class CodeSize {
    /**
     * HotSpot compiles no method larger than this ({@code -XX:HugeMethodLimit}, with
     * {@code DontCompileHugeMethods} on by default); every generated method must stay below it.
     */
    static final int HUGE_METHOD_LIMIT = 8000;
    /**
     * The size chunks aim at. Well below the limit because C2 also stops inlining once a method
     * and its inlinees pass 8,000 bytes ({@code DesiredMethodLimit}): smaller chunks keep the
     * memory accessors inlined.
     */
    static final int CHUNK_TARGET = 3000;
    /** Prologue, entry switch and the stubs a method always has. */
    static final int METHOD_OVERHEAD = 120;

    private CodeSize() {}

    static int estimate(Instruction insn) {
        return switch (insn.op().form()) {
            case ALU_IMM, ALU_REG, ALU_NEG, ALU_END -> 14;
            case LDDW -> 6;
            case JA, JA32 -> 8;
            // the compare, and an out-of-line stub (budget or leaving the chunk)
            case JUMP_IMM, JUMP_REG -> 30;
            // a guarded access: address, three compares, the array access and an out-of-line checked call
            case LOAD, STORE_IMM, STORE_REG -> 50;
            case ATOMIC -> 24;
            // the call and its exception handler (see MethodEmitter)
            case CALL_HELPER, CALL_LOCAL, CALLX -> 67;
            case EXIT -> 14;
            default -> 12;
        };
    }
}
