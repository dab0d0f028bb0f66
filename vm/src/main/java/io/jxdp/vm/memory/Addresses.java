package io.jxdp.vm.memory;

/**
 * The layout of eBPF pointers: {@code region << 32 | offset}. Region 0 never exists, so NULL and
 * every small integer fault when dereferenced.
 */
public final class Addresses {
    /** The stack of a Cpu: 8 frames of 512 bytes. */
    public static final int STACK = 1;
    /** The XDP context ({@code struct xdp_md}). */
    public static final int CONTEXT = 2;
    /** The packet of the frame a Cpu is processing. */
    public static final int PACKET = 3;
    /** The memory of the conformance calling convention. */
    public static final int MEMORY = 4;
    /** Map handles ({@code lddw} of a map): not memory, an argument for helpers. */
    public static final int MAP_HANDLE = 5;
    /** Local function pointers for {@code callx}: {@code 6 << 32 | pc}. */
    public static final int FUNCTION = 6;
    /** The first id given to map value regions. */
    public static final int FIRST_SHARED = 16;

    private Addresses() {}

    public static long address(int region, int offset) {
        return (long) region << 32 | (offset & 0xffff_ffffL);
    }

    public static int region(long address) {
        return (int) (address >>> 32);
    }

    public static int offset(long address) {
        return (int) address;
    }

    /** The address as the fault messages print it: {@code 0x3_00000110}, region and offset apart. */
    public static String format(long address) {
        return String.format("0x%x_%08x", address >>> 32, address & 0xffff_ffffL);
    }
}
