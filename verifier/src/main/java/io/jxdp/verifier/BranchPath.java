package io.jxdp.verifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The branch path of an explanation on one readable line: a step or a cycle of steps repeated in a
 * row is written once with its count ({@code 9->6 (taken) x186}, {@code (3->4 (fall-through),
 * 9->6 (taken)) x40}), and a line still too long keeps its start and its end around the number of
 * steps left out ({@code ... 312 steps ...}). A loop the verifier walked iteration by iteration is
 * one item instead of hundreds.
 */
public final class BranchPath {
    /** The longest cycle looked for: longer repeats are rare, and their group would not fit a line. */
    static final int MAX_CYCLE = 4;

    private static final String ELLIPSIS = "...";

    private BranchPath() {}

    /** One item of the compressed path: {@code steps} (one, or a cycle) taken {@code times} in a row. */
    record Item(List<BranchStep> steps, int times) {
        int stepCount() {
            return steps.size() * times;
        }

        @Override
        public String toString() {
            String body = steps.size() == 1 ? steps.get(0).toString() : "(" + join(steps) + ")";
            return times == 1 ? body : body + " x" + times;
        }
    }

    /** The path with repeats folded, oldest first. */
    static List<Item> compress(List<BranchStep> path) {
        List<Item> out = new ArrayList<>();
        int i = 0;
        while (i < path.size()) {
            int bestLength = 1;
            int bestTimes = 1;
            for (int length = 1; length <= MAX_CYCLE && i + 2 * length <= path.size(); length++) {
                int times = repeats(path, i, length);
                // the cycle that covers the most steps; the shorter one on a tie (x4 of one step, not x2 of two)
                if (times >= 2 && length * times > bestLength * bestTimes) {
                    bestLength = length;
                    bestTimes = times;
                }
            }
            out.add(new Item(List.copyOf(path.subList(i, i + bestLength)), bestTimes));
            i += bestLength * bestTimes;
        }
        return out;
    }

    /** How many times the {@code length} steps at {@code start} occur in a row from there. */
    private static int repeats(List<BranchStep> path, int start, int length) {
        int times = 1;
        while (start + (times + 1) * length <= path.size()) {
            int from = start + times * length;
            for (int k = 0; k < length; k++) {
                if (!path.get(start + k).equals(path.get(from + k))) {
                    return times;
                }
            }
            times++;
        }
        return times;
    }

    /**
     * The compressed path after {@code prefix}, in fewer than {@code width} columns with the
     * prefix: whole items from the start and the end, and the count of the steps between them.
     */
    public static String line(String prefix, List<BranchStep> path, int width) {
        List<Item> items = compress(path);
        String all = prefix + join(items);
        if (all.length() < width) {
            return all;
        }
        // take items from the front and the back in turn while the line, with its ellipsis, still fits
        int front = 0;
        int back = 0;
        int total = path.size();
        boolean grew = true;
        while (grew && front + back < items.size()) {
            grew = false;
            for (boolean fromFront : new boolean[] {true, false}) {
                if (front + back >= items.size()) {
                    break;
                }
                int f = front + (fromFront ? 1 : 0);
                int b = back + (fromFront ? 0 : 1);
                if (render(prefix, items, f, b, total).length() < width) {
                    front = f;
                    back = b;
                    grew = true;
                }
            }
        }
        return render(prefix, items, front, back, total);
    }

    private static String render(String prefix, List<Item> items, int front, int back, int total) {
        if (front + back >= items.size()) {
            return prefix + join(items);
        }
        int shown = 0;
        List<Object> parts = new ArrayList<>();
        for (int i = 0; i < front; i++) {
            parts.add(items.get(i));
            shown += items.get(i).stepCount();
        }
        List<Object> tail = new ArrayList<>();
        for (int i = items.size() - back; i < items.size(); i++) {
            tail.add(items.get(i));
            shown += items.get(i).stepCount();
        }
        int left = total - shown;
        parts.add(ELLIPSIS + " " + left + (left == 1 ? " step " : " steps ") + ELLIPSIS);
        parts.addAll(tail);
        return prefix + join(parts);
    }

    private static String join(List<?> parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p);
        }
        return sb.toString();
    }
}
