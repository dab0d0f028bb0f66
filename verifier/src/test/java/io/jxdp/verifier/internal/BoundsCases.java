package io.jxdp.verifier.internal;

import io.jxdp.verifier.internal.BoundsCase.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The crafted cases: the kernel selftests' range x range x comparison cases
 * (tools/testing/selftests/bpf/prog_tests/reg_bounds.c, {@code crafted_cases}: an initial range type,
 * a comparison type, two ranges, each pair in both orders, every comparison of that type), and
 * adjust_scalar_min_max_vals' ALU rules (add, sub, mul, and, or, xor, shifts; 64 and 32-bit) on
 * ranges, tnums and constants.
 */
final class BoundsCases {
    private BoundsCases() {}

    private static final long U32_MAX = 0xffffffffL;
    private static final long S32_MIN = 0x80000000L; // as the selftest writes it: (u32)S32_MIN
    private static final long S32_MAX = 0x7fffffffL;

    /** reg_bounds.c's num_t. */
    private enum T {
        U64,
        S64,
        U32,
        S32
    }

    /** crafted_cases[]: {init_t, cond_t, x.a, x.b, y.a, y.b}. */
    private record Crafted(T init, T cond, long xa, long xb, long ya, long yb) {}

    private static final List<Crafted> CRAFTED = List.of(
            new Crafted(T.U64, T.U64, 0, 0xffffffffL, 0, 0),
            new Crafted(T.U64, T.U64, 0, 0x80000000L, 0, 0),
            new Crafted(T.U64, T.U64, 0x100000000L, 0x100000100L, 0, 0),
            new Crafted(T.U64, T.U64, 0x100000000L, 0x180000000L, 0, 0),
            new Crafted(T.U64, T.U64, 0x100000000L, 0x1ffffff00L, 0, 0),
            new Crafted(T.U64, T.U64, 0x100000000L, 0x1ffffff01L, 0, 0),
            new Crafted(T.U64, T.U64, 0x100000000L, 0x1fffffffeL, 0, 0),
            new Crafted(T.U64, T.U64, 0x100000001L, 0x1000000ffL, 0, 0),
            new Crafted(T.U64, T.U64, 0, 1, 1, 0x80000000L),
            new Crafted(T.U64, T.S64, 0, 1, 1, 0x80000000L),
            new Crafted(T.U64, T.U32, 0, 1, 1, 0x80000000L),
            new Crafted(T.U64, T.S32, 0, 1, 1, 0x80000000L),
            new Crafted(T.U64, T.S64, 0, 0xffffffff00000000L, 0, 0),
            new Crafted(T.U64, T.S64, 0x7fffffffffffffffL, 0xffffffff00000000L, 0, 0),
            new Crafted(T.U64, T.S64, 0x7fffffff00000001L, 0xffffffff00000000L, 0, 0),
            new Crafted(T.U64, T.S64, 0, 0xffffffffL, 1, 1),
            new Crafted(T.U64, T.S64, 0, 0xffffffffL, 0x7fffffff, 0x7fffffff),
            new Crafted(T.U64, T.U32, 0, 0x100000000L, 0, 0),
            new Crafted(T.U64, T.U32, 0xfffffffeL, 0x100000000L, 0x80000000L, 0x80000000L),
            new Crafted(T.U64, T.S32, 0, 0xffffffff00000000L, 0, 0),
            new Crafted(T.U64, T.S32, 0, 0x0ffffffffL, 0, 0),
            new Crafted(T.U64, T.S32, 0, 0x100000000L, 0, 0),
            new Crafted(T.U64, T.S32, 0, 0x100000001L, 0, 0),
            new Crafted(T.U64, T.S32, 0, 0x180000000L, 0, 0),
            new Crafted(T.U64, T.S32, 0, 0x17fffffffL, 0, 0),
            new Crafted(T.U64, T.S32, 0, 0x180000001L, 0, 0),
            new Crafted(T.S64, T.S64, 0xffffffffffffffffL, 0, 0xffffffff00000000L, 0xffffffff00000000L),
            new Crafted(T.U64, T.U64, 0xffffffffL, 0x100000000L, 0, 0),
            new Crafted(T.U64, T.U64, 0xffffffffL, 0x100000001L, 0, 0),
            new Crafted(T.S64, T.U64, 0xffffffff00000001L, 0, 0xffffffff00000000L, 0xffffffff00000000L),
            new Crafted(T.U32, T.U32, 1, U32_MAX, 0, 0),
            new Crafted(T.U32, T.S32, 0, U32_MAX, U32_MAX, U32_MAX),
            new Crafted(T.S32, T.U64, S32_MIN, S32_MIN, 0xffffff01L, 0),
            new Crafted(T.S32, T.S64, S32_MIN, 0xffffff01L, 0xfffffffeL, 0),
            new Crafted(T.S32, T.S64, 0, 1, S32_MIN, S32_MIN),
            new Crafted(T.S32, T.U32, S32_MIN, S32_MIN, S32_MIN, S32_MIN),
            new Crafted(T.U64, T.U64, 0, -1L, -1L, -1L),
            new Crafted(T.U64, T.U64, 0, -1L, 0, 0),
            new Crafted(T.S64, T.U64, Long.MIN_VALUE, 0, Long.MIN_VALUE, Long.MIN_VALUE),
            new Crafted(T.S64, T.U64, Long.MIN_VALUE, 0, 0, 0),
            new Crafted(T.S64, T.U64, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE),
            new Crafted(T.U32, T.U32, 0, U32_MAX, 0, 0),
            new Crafted(T.U32, T.U32, 0, U32_MAX, U32_MAX, U32_MAX),
            new Crafted(T.S32, T.U32, S32_MIN, 0, 0, 0),
            new Crafted(T.S32, T.U32, S32_MIN, 0, S32_MIN, S32_MIN),
            new Crafted(T.S32, T.U32, S32_MIN, S32_MAX, S32_MAX, S32_MAX),
            new Crafted(T.S64, T.U32, 0x0, 0x1f, 0xffffffff80000000L, 0x000000007fffffffL),
            new Crafted(T.S64, T.U32, 0x0, 0x1f, 0xffffffffffff8000L, 0x0000000000007fffL),
            new Crafted(T.S64, T.U32, 0x0, 0x1f, 0xffffffffffffff80L, 0x000000000000007fL));

    /** Every branch case: each crafted pair in both orders, with every comparison of its type. */
    static List<BoundsCase> branches() {
        List<BoundsCase> out = new ArrayList<>();
        for (Crafted c : CRAFTED) {
            String x = range(c.init, c.xa, c.xb);
            String y = range(c.init, c.ya, c.yb);
            boolean signed = c.cond == T.S64 || c.cond == T.S32;
            boolean is32 = c.cond == T.U32 || c.cond == T.S32;
            List<String> ops = signed
                    ? List.of("jslt", "jsle", "jsgt", "jsge", "jeq", "jne")
                    : List.of("jlt", "jle", "jgt", "jge", "jeq", "jne");
            List<String[]> pairs = List.of(new String[] {x, y}, new String[] {y, x});
            out.addAll(BoundsCase.cross(Kind.BRANCH, ops, List.of(is32 ? 32 : 64), pairs));
        }
        // the register forms above against an immediate, and jset, which reg_bounds.c leaves out
        out.addAll(BoundsCase.cross(
                Kind.BRANCH,
                List.of("jlt", "jsgt", "jeq", "jne", "jset"),
                List.of(64, 32),
                List.of(
                        new String[] {"u>=0x100000000,u<=0x1ffffffff", "imm 5"},
                        new String[] {"s>=-100,s<=100", "imm -1"},
                        new String[] {"&0xf0f", "imm 0x100"},
                        new String[] {"ws>=-5,ws<=5", "imm 0"})));
        return out;
    }

    /** The dst/src pairs of the ALU cases: ranges, tnums, constants, and both widths' edges. */
    private static final List<String> ALU_DST = List.of(
            "u>=10,u<=100",
            "s>=-100,s<=100",
            "&0xf0f",
            "|0xf0,&0xfff",
            "u>=0x100000000,u<=0x1ffffffff",
            "ws>=-5,ws<=5",
            "w>=0xfffffff0",
            "s>=0x7ffffffffffffff0",
            "=7",
            "any");

    private static final List<String> ALU_SRC = List.of("imm 3", "imm -1", "u>=1,u<=4", "&0xf", "s>=-8,s<=8", "=63");

    static List<BoundsCase> alu() {
        List<String[]> pairs = new ArrayList<>();
        for (String d : ALU_DST) {
            for (String s : ALU_SRC) {
                pairs.add(new String[] {d, s});
            }
        }
        // a shift by an immediate outside [0, width) is refused before any bounds are computed
        return BoundsCase.cross(
                        Kind.ALU,
                        List.of("add", "sub", "mul", "and", "or", "xor", "lsh", "rsh", "arsh"),
                        List.of(64, 32),
                        pairs)
                .stream()
                .filter(c -> !(c.immSrc() && c.op().endsWith("sh") && (c.imm() < 0 || c.imm() >= c.width())))
                .toList();
    }

    /** Every case once (crafted pairs such as [0, U64_MAX] x 0 appear under two init types). */
    static List<BoundsCase> all() {
        List<BoundsCase> out = new ArrayList<>(branches());
        out.addAll(alu());
        return out.stream().distinct().toList();
    }

    /** The setup giving a register the range [a, b] of type t, as reg_bounds.c sets one up. */
    private static String range(T t, long a, long b) {
        String n1 = num(a);
        String n2 = num(b);
        return switch (t) {
            case U64 -> a == b ? "=" + n1 : "u>=" + n1 + ",u<=" + n2;
            case S64 -> a == b ? "=" + n1 : "s>=" + n1 + ",s<=" + n2;
            case U32 -> a == b ? "w=" + n1 : "w>=" + n1 + ",w<=" + n2;
            case S32 -> a == b ? "w=" + n1 : "ws>=" + n1 + ",ws<=" + n2;
        };
    }

    private static String num(long v) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? Long.toString(v) : "0x" + Long.toHexString(v);
    }
}
