package io.jxdp.verifier.testing;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The table a live-kernel test prints: which kernel it asked and how far jxdp agreed with it, one
 * row per comparison. Printed whether the comparison passed or not, so a -Pkernel run always says
 * what it compared.
 */
public final class KernelReport {
    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    public KernelReport(String title) {
        this.title = title;
    }

    /** One comparison: its name, how many cases, how many verdicts agree, and error texts agreeing of compared. */
    public KernelReport row(String comparison, int cases, int verdictsAgree, int textsAgree, int textsCompared) {
        rows.add(new String[] {
            comparison,
            Integer.toString(cases),
            verdictsAgree + "/" + cases,
            textsCompared == 0 ? "-" : textsAgree + "/" + textsCompared
        });
        return this;
    }

    public void print(PrintStream out) {
        String[] head = {"comparison", "cases", "verdicts agree", "error texts agree"};
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(title)
                .append(" against the running kernel, Linux ")
                .append(KernelRelease.current())
                .append('\n');
        line(s, head, w);
        for (String[] r : rows) {
            line(s, r, w);
        }
        out.print(s);
    }

    private static void line(StringBuilder s, String[] cells, int[] w) {
        s.append("  ");
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            s.append(i == 0 ? c + " ".repeat(w[i] - c.length()) : " ".repeat(w[i] - c.length()) + c);
            s.append(i + 1 < cells.length ? "  " : "\n");
        }
    }
}
