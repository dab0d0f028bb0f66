package io.jxdp.verifier.internal;

/**
 * The verifier log as kernel/bpf/log.c keeps it: one buffer with the same resets, so that level 1
 * keeps only the failing path (a popped branch truncates to where it was pushed) and the
 * {@code ; R1=...} suffix lands where the kernel puts it.
 */
public final class VLog {
    private static final int LOG_ALIGNMENT = 40;
    private static final int LOG_MIN_ALIGNMENT = 8;

    private final StringBuilder buf = new StringBuilder();
    public final int level;
    /** env->prev_log_pos. */
    public int prevLogPos;
    /** env->prev_insn_print_pos. */
    public int prevInsnPrintPos;

    public VLog(int level) {
        this.level = level;
    }

    public boolean on() {
        return level > 0;
    }

    public boolean level2() {
        return level >= 2;
    }

    public void verbose(String s) {
        if (level > 0) {
            buf.append(s);
        }
    }

    public int endPos() {
        return buf.length();
    }

    /** bpf_vlog_reset. */
    public void reset(int pos) {
        if (pos < buf.length()) {
            buf.setLength(Math.max(pos, 0));
        }
    }

    /** The insn line: {@code 5: (79) r0 = *(u64 *)(r1 -4)}. */
    public void printInsn(int pc, String text) {
        if (level == 0) {
            return;
        }
        prevLogPos = buf.length();
        buf.append(pc).append(": ").append(text).append('\n');
        prevInsnPrintPos = buf.length() - prevLogPos;
        prevLogPos = buf.length();
    }

    /** print_insn_state's prefix: pad the insn line to the state column, or start a {@code pc:} line. */
    public void beginInsnState(int pc) {
        if (prevLogPos != 0 && prevLogPos == buf.length()) {
            reset(prevLogPos - 1);
            int width = vlogAlignment(prevInsnPrintPos);
            buf.append(" ".repeat(Math.max(width, 1))).append(';');
        } else {
            buf.append(pc).append(':');
        }
    }

    static int vlogAlignment(int pos) {
        int max = Math.max(pos + LOG_MIN_ALIGNMENT / 2, LOG_ALIGNMENT);
        int rounded = (max + LOG_MIN_ALIGNMENT - 1) / LOG_MIN_ALIGNMENT * LOG_MIN_ALIGNMENT;
        return rounded - pos - 1;
    }

    @Override
    public String toString() {
        return buf.toString();
    }
}
