package io.jxdp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * The interactive trace: before an instruction runs it stops where the user asked (the first
 * instruction, after a {@code step} or {@code next}, at a breakpoint, after {@code --steps}) and
 * reads commands: {@code step}, {@code next} (over a call), {@code continue}, {@code print rN},
 * {@code print} (every register), {@code x ADDR LEN} (memory; ADDR a register, {@code rN+OFF},
 * {@code fp-8}, {@code pkt+14}, {@code mem+0} or a number), {@code quit}. End of input is {@code
 * continue}, so a prompt fed by a script runs to the end.
 */
final class TracePrompt implements Tracer.Control {
    static final String HELP = "commands: s[tep], n[ext] (over calls), c[ontinue], p[rint] [rN],"
            + " x ADDR LEN (ADDR: rN[+-OFF], fp-OFF, pkt+OFF, mem+OFF, 0x...), q[uit], h[elp]";

    private final Tracer tracer;
    private final BufferedReader in;
    private final PrintStream out;
    private final Set<Integer> breaks;
    private final long stepLimit;
    /** Stop at the next instruction. */
    private boolean stepping = true;
    /** With {@code next}: stop at the next instruction at this depth or shallower; -1 if not in a next. */
    private int nextDepth = -1;

    TracePrompt(Tracer tracer, BufferedReader in, PrintStream out, Set<Integer> breaks, long stepLimit) {
        this.tracer = tracer;
        this.in = in;
        this.out = out;
        this.breaks = breaks;
        this.stepLimit = stepLimit;
    }

    @Override
    public void before(int step, int pc, long[] r, int depth) {
        boolean stop =
                stepping || (nextDepth >= 0 && depth <= nextDepth) || breaks.contains(pc) || step == stepLimit + 1;
        if (!stop) {
            return;
        }
        stepping = false;
        nextDepth = -1;
        out.println("=> " + pc + ": " + tracer.insnText(pc));
        for (; ; ) {
            out.print("(jxdp trace) ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null) {
                out.println();
                return; // end of input: continue to the end
            }
            String[] words = line.strip().split("\\s+");
            switch (words[0].toLowerCase(Locale.ROOT)) {
                case "s", "step", "" -> {
                    stepping = true;
                    return;
                }
                case "n", "next" -> {
                    nextDepth = depth;
                    return;
                }
                case "c", "continue" -> {
                    return;
                }
                case "q", "quit" -> throw new Tracer.Stop("quit at pc " + pc + " (step " + step + ")");
                case "p", "print" -> out.println(print(words, r, depth));
                case "x" -> out.println(examine(words, r, depth));
                default -> out.println(HELP);
            }
        }
    }

    private String print(String[] words, long[] r, int depth) {
        if (words.length == 1) {
            return tracer.registerLine();
        }
        int reg = register(words[1]);
        return reg < 0
                ? "no register " + words[1] + " (r0 to r10)"
                : "r" + reg + " = " + tracer.name(r[reg], depth) + " (0x" + Long.toHexString(r[reg]) + ")";
    }

    private String examine(String[] words, long[] r, int depth) {
        if (words.length != 3) {
            return "x ADDR LEN, e.g. x fp-8 8, x pkt+12 2, x r2 4";
        }
        Long addr = address(words[1], r);
        int len;
        try {
            len = Integer.parseInt(words[2]);
        } catch (NumberFormatException e) {
            len = -1;
        }
        if (addr == null || len < 1 || len > 4096) {
            return "x ADDR LEN: cannot read '" + words[1] + "' '" + words[2] + "' (LEN 1 to 4096)";
        }
        byte[] b = tracer.peek(addr, len);
        return tracer.name(addr, depth) + ": "
                + (b == null ? "not readable (outside memory, or a context field)" : TraceStep.hex(b, " "));
    }

    private Long address(String text, long[] r) {
        String base = text;
        long off = 0;
        int sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        try {
            if (sign > 0) {
                base = text.substring(0, sign);
                off = Long.parseLong(text.substring(sign + (text.charAt(sign) == '+' ? 1 : 0)));
            }
            int reg = register(base);
            if (reg >= 0) {
                return r[reg] + off;
            }
            return switch (base) {
                case "fp" -> r[10] + off;
                case "pkt" -> tracer.packetData() + off;
                case "mem" -> io.jxdp.vm.memory.Addresses.address(io.jxdp.vm.memory.Addresses.MEMORY, 0) + off;
                default -> base.startsWith("0x") ? Long.parseUnsignedLong(base.substring(2), 16) + off : null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int register(String s) {
        if (s.length() < 2 || s.charAt(0) != 'r') {
            return -1;
        }
        try {
            int n = Integer.parseInt(s.substring(1));
            return n >= 0 && n <= 10 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
