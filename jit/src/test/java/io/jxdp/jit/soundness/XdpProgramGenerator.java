package io.jxdp.jit.soundness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random XDP programs in the LLVM dialect, built to sit near the verifier's boundary: packet
 * reads just inside and just outside the range a bounds check proved, checks through copies and
 * in either operand order, variable offsets masked or not, map lookups with and without the NULL
 * check, stack slots written or not before they are read, helpers that clobber r1-r5, divisions
 * by registers that may be zero. About half are accepted.
 */
public final class XdpProgramGenerator {
    static final String MAPS =
            ".map arr type=array key=4 value=16 max_entries=4\n" + ".map hsh type=hash key=4 value=8 max_entries=64\n";

    private final Random rnd;
    private final List<String> lines = new ArrayList<>();
    private int labels;
    private int checked;

    public XdpProgramGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    public String program() {
        lines.clear();
        labels = 0;
        emit("r6 = r1");
        emit("r2 = *(u32 *)(r6 + 0)");
        emit("r3 = *(u32 *)(r6 + 4)");
        emit("r0 = 2");
        emit("r7 = " + (rnd.nextInt(200) - 100));
        emit("r8 = " + rnd.nextInt(1000));
        if (rnd.nextInt(20) != 0) {
            emit("r9 = " + rnd.nextInt(64)); // now and then left unset, which the verifier must refuse to read
        }
        checked = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(64);
        if (checked > 0) {
            boundsCheck();
        }
        for (int i = 0, n = 3 + rnd.nextInt(12); i < n; i++) {
            step();
        }
        emit(rnd.nextInt(3) == 0 ? "r0 = " + rnd.nextInt(6) : "r0 &= 3");
        emit("out:");
        emit("exit");
        return MAPS + String.join("\n", lines) + "\n";
    }

    private void emit(String s) {
        lines.add(s);
    }

    /** data + K > data_end goes out, in one of the forms compilers emit. */
    private void boundsCheck() {
        switch (rnd.nextInt(4)) {
            case 0 -> {
                emit("r4 = r2");
                emit("r4 += " + checked);
                emit("if r4 > r3 goto out");
            }
            case 1 -> {
                emit("r4 = r2");
                emit("r4 += " + checked);
                emit("if r3 < r4 goto out");
            }
            case 2 -> {
                emit("r4 = r2");
                emit("r4 += " + (checked - 1));
                emit("if r4 >= r3 goto out");
            }
            default -> {
                // an off-by-one that the verifier must catch when a read uses the last byte
                emit("r4 = r2");
                emit("r4 += " + checked);
                emit("if r4 >= r3 goto out");
            }
        }
    }

    private void step() {
        int kind = rnd.nextInt(11);
        switch (kind) {
            case 0, 1 -> packetRead();
            case 2 -> scalarAlu();
            case 3 -> stackRoundTrip();
            case 4 -> mapLookup();
            case 5 -> helperCall();
            case 6 -> branch();
            case 7 -> variableOffsetRead();
            case 8 -> emit("r0 " + pick("/=", "%=", "s/=", "s%=") + " r" + pick("7", "8"));
            case 9 -> packetWrite();
            default -> emit("r" + pick("7", "8", "9") + " = " + (rnd.nextInt(200) - 100));
        }
    }

    private void helperCall() {
        emit("call " + pickInt(5, 7, 8));
        emit("r7 = r0");
        if (rnd.nextInt(4) != 0) {
            reloadPacket(); // else r2 and r3 stay clobbered, which the verifier must catch
        }
    }

    private void reloadPacket() {
        emit("r2 = *(u32 *)(r6 + 0)");
        emit("r3 = *(u32 *)(r6 + 4)");
        if (checked > 0) {
            boundsCheck();
        }
    }

    /** An offset inside the proven range most of the time, at or just past its edge otherwise. */
    private int offset(int size) {
        if (checked >= size && rnd.nextInt(4) != 0) {
            return rnd.nextInt(checked - size + 1);
        }
        return Math.max(0, checked - size) + rnd.nextInt(3) - 1;
    }

    private void packetRead() {
        int size = pickInt(1, 2, 4, 8);
        int off = offset(size);
        emit("r" + pick("7", "8", "9") + " = *(" + type(size) + " *)(r2 + " + off + ")");
    }

    private void packetWrite() {
        int size = pickInt(1, 2, 4);
        int off = offset(size);
        emit("*(" + type(size) + " *)(r2 + " + off + ") = r" + pick("7", "8", "0"));
    }

    private void variableOffsetRead() {
        emit("r5 = r" + pick("7", "8", "0"));
        if (rnd.nextInt(4) != 0) {
            emit("r5 &= " + pickInt(3, 7, 15, 31));
        }
        emit("r5 += r2");
        emit("r" + pick("7", "8") + " = *(u8 *)(r5 + 0)");
    }

    private void scalarAlu() {
        String op = pick("+=", "-=", "*=", "|=", "&=", "^=", "<<=", ">>=", "s>>=");
        boolean shift = op.contains("<") || op.contains(">");
        String src = rnd.nextBoolean()
                ? Integer.toString(shift ? rnd.nextInt(64) : rnd.nextInt(1000) - 500)
                : "r" + pick("7", "8", "9");
        emit("r" + pick("7", "8", "9", "0") + " " + op + " " + src);
    }

    private void stackRoundTrip() {
        int off = 8 * (1 + rnd.nextInt(8));
        if (rnd.nextInt(5) != 0) {
            emit("*(u64 *)(r10 - " + off + ") = r" + pick("7", "8", "0"));
        }
        emit("r" + pick("7", "8") + " = *(u64 *)(r10 - " + off + ")");
    }

    private void mapLookup() {
        String map = pick("arr", "hsh");
        emit("*(u32 *)(r10 - 4) = " + rnd.nextInt(6));
        emit("r2 = r10");
        emit("r2 += -4");
        emit("r1 = " + map + " ll");
        emit("call 1");
        String skip = "L" + labels++;
        if (rnd.nextInt(5) != 0) {
            emit("if r0 == 0 goto " + skip);
        }
        int off = rnd.nextInt(map.equals("arr") ? 18 : 10);
        if (rnd.nextBoolean()) {
            emit("r7 = *(u32 *)(r0 + " + off + ")");
        } else {
            emit("r1 = 1");
            emit("lock *(u32 *)(r0 + " + (off & ~3) + ") += w1");
        }
        emit(skip + ":");
        if (rnd.nextInt(4) != 0) {
            emit("r0 = " + rnd.nextInt(5)); // most programs stop using the value pointer here
        }
        // the call clobbered r1-r5: reload the packet pointers (the verifier refuses stale ones)
        reloadPacket();
    }

    private void branch() {
        String skip = "L" + labels++;
        emit("if r" + pick("7", "8", "0") + " " + pick("==", "!=", ">", "s<", "&") + " " + rnd.nextInt(100) + " goto "
                + skip);
        scalarAlu();
        emit(skip + ":");
    }

    private static String type(int size) {
        return switch (size) {
            case 1 -> "u8";
            case 2 -> "u16";
            case 4 -> "u32";
            default -> "u64";
        };
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[rnd.nextInt(choices.length)];
    }

    private int pickInt(int... choices) {
        return choices[rnd.nextInt(choices.length)];
    }
}
