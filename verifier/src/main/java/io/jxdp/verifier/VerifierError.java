package io.jxdp.verifier;

import java.util.List;

/**
 * Why a program was rejected, in more than the kernel says.
 *
 * @param code a stable code for the kind of error
 * @param pc the instruction at fault, or -1 for the program as a whole
 * @param instruction the instruction as the kernel's log prints it, or empty
 * @param kernelMessage the kernel's text for this error (possibly several lines)
 * @param register the register the error is about, or -1
 * @param registerState that register's abstract value at the error, as the log prints it, or empty
 * @param path the branch decisions from entry that led to the error, oldest first
 * @param fact where the deciding fact was established or lost, in one sentence, or empty
 * @param hint one plain sentence on what to change
 */
public record VerifierError(
        ErrorCode code,
        int pc,
        String instruction,
        String kernelMessage,
        int register,
        String registerState,
        List<BranchStep> path,
        String fact,
        String hint) {
    /** The path line of {@link #explain()} stays under this many columns. */
    public static final int PATH_WIDTH = 100;

    public VerifierError {
        path = List.copyOf(path);
    }

    public ErrorCategory category() {
        return code.category();
    }

    /** The kernel's first line, the one tools usually show. */
    public String firstLine() {
        int nl = kernelMessage.indexOf('\n');
        return nl < 0 ? kernelMessage : kernelMessage.substring(0, nl);
    }

    /** A teaching summary: what, where, why, and what to do. */
    public String explain() {
        StringBuilder sb = new StringBuilder();
        sb.append(code)
                .append(" (")
                .append(category().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .append(')');
        if (pc >= 0) {
            sb.append(" at insn ").append(pc).append(instruction.isEmpty() ? "" : ": " + instruction);
        }
        sb.append('\n').append("  kernel: ").append(kernelMessage.replace("\n", "\n          "));
        if (register >= 0 && !registerState.isEmpty()) {
            sb.append('\n').append("  R").append(register).append(" = ").append(registerState);
        }
        if (!path.isEmpty()) {
            // repeats folded, and under a screen wide: a loop walked 180 times is one item
            sb.append('\n').append(BranchPath.line("  path: ", path, PATH_WIDTH));
        }
        if (!fact.isEmpty()) {
            sb.append('\n').append("  why: ").append(fact);
        }
        sb.append('\n').append("  fix: ").append(hint);
        return sb.toString();
    }
}
