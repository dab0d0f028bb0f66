package io.jxdp.jit;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) printed as hunks with three lines of context. */
final class LineDiff {
    private static final int CONTEXT = 3;

    private LineDiff() {}

    /** Lines of {@code before} and {@code after} as {@code "  same"}, {@code "- gone"}, {@code "+ new"} hunks. */
    static String unified(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        List<Integer> beforeLine = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                lines.add("  " + a.get(i));
                beforeLine.add(++i);
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                lines.add("- " + a.get(i++));
                beforeLine.add(i);
            } else {
                lines.add("+ " + b.get(j++));
                beforeLine.add(i);
            }
        }
        StringBuilder out = new StringBuilder();
        int shownUpTo = -1;
        for (int k = 0; k < lines.size(); k++) {
            if (lines.get(k).startsWith("  ")) {
                continue;
            }
            int from = Math.max(k - CONTEXT, shownUpTo + 1);
            if (from > shownUpTo + 1 || shownUpTo < 0) {
                out.append("@@ golden line ").append(beforeLine.get(from)).append(" @@\n");
            }
            int to = Math.min(k + CONTEXT, lines.size() - 1);
            for (int m = from; m <= to; m++) {
                out.append(lines.get(m)).append('\n');
            }
            shownUpTo = Math.max(shownUpTo, to);
        }
        return out.toString();
    }
}
