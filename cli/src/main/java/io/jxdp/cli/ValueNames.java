package io.jxdp.cli;

import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Memory;
import io.jxdp.vm.memory.XdpContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A register value as a reader of the trace wants it: pointers by what they point at ({@code
 * pkt+14}, {@code pkt_end}, {@code fp-8}, {@code ctx+0}, {@code map_value(counters)+4}, {@code
 * map(counters)}), numbers in decimal (in hex beyond 16 bits). jxdp's pointers are {@code region
 * << 32 | offset} ({@link Addresses}), so a number whose high half happens to name a region prints
 * as a pointer: the engine, unlike the kernel's verifier, keeps no types.
 */
final class ValueNames {
    private final Memory memory;
    private final Map<Integer, BpfMap> byHandle = new HashMap<>();

    ValueNames(Memory memory, List<BpfMap> maps) {
        this.memory = memory;
        for (BpfMap m : maps) {
            byHandle.put(Addresses.offset(m.handle()), m);
        }
    }

    /** Where the packet is now: names of packet pointers are relative to data and data_end. */
    record PacketView(int data, int dataEnd) {}

    PacketView packet() {
        XdpContext x = memory.xdp();
        return new PacketView(x.data(), x.dataEnd());
    }

    /** {@code value} named as seen by a function at call depth {@code depth} while the packet was {@code pkt}. */
    String name(long value, int depth, PacketView pkt) {
        int region = Addresses.region(value);
        int off = Addresses.offset(value);
        switch (region) {
            case 0:
                return number(value);
            case Addresses.STACK: {
                int frame = (Memory.STACK_SIZE - off - 1) / Memory.FRAME_SIZE;
                int top = Memory.STACK_SIZE - Memory.FRAME_SIZE * Math.max(frame, 0);
                if (off == Memory.STACK_SIZE - Memory.FRAME_SIZE * depth) {
                    return "fp"; // r10 itself, or the first byte above this frame
                }
                if (off < 0 || off > Memory.STACK_SIZE) {
                    break;
                }
                return (frame == depth ? "fp" : "fp[frame " + frame + "]") + signed(off - top);
            }
            case Addresses.CONTEXT:
                return "ctx" + signed(off);
            case Addresses.PACKET:
                return off == pkt.dataEnd() ? "pkt_end" : "pkt" + signed(off - pkt.data());
            case Addresses.MEMORY:
                return "mem" + signed(off);
            case Addresses.MAP_HANDLE: {
                BpfMap m = byHandle.get(off);
                if (m != null) {
                    return "map(" + m.def().name() + ")";
                }
                break;
            }
            case Addresses.FUNCTION:
                return "func(pc " + off + ")";
            default:
                if (region >= Addresses.FIRST_SHARED && memory.space().owner(region) instanceof BpfMap m) {
                    int stride = (m.valueSize() + 7) & ~7;
                    int slot = Math.floorDiv(off, stride);
                    return "map_value(" + m.def().name() + ")" + (slot != 0 ? "[" + slot + "]" : "")
                            + signed(off - slot * stride);
                }
        }
        return number(value);
    }

    /** Decimal within 16 bits either side of 0, as the verifier's log prints constants; else hex. */
    static String number(long v) {
        return v >= -0xffff && v <= 0xffff ? Long.toString(v) : "0x" + Long.toHexString(v);
    }

    private static String signed(int delta) {
        return delta < 0 ? "-" + Math.abs((long) delta) : "+" + delta;
    }
}
